"use client";

// Last resort when even the layout fails (e.g. the database is unreachable): no providers are
// available here, so the message is bilingual and self-contained.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="th">
      <body style={{ fontFamily: "Sarabun, Tahoma, sans-serif", padding: "2rem", color: "#1b2330" }}>
        <main role="alert">
          <h1>ระบบขัดข้องชั่วคราว · Lamnam is temporarily unavailable</h1>
          <p>
            ระบบไม่สามารถเชื่อมต่อบริการที่จำเป็นได้ กรุณาลองใหม่ภายหลัง หรือแจ้งผู้ดูแลระบบ
            <br />
            The service could not reach a component it needs. Please try again later or contact your administrator.
          </p>
          {error.digest && <p>Ref: {error.digest}</p>}
          <button type="button" onClick={reset}>
            ลองใหม่ · Try again
          </button>
        </main>
      </body>
    </html>
  );
}
