import { NextResponse, type NextRequest } from "next/server";

// Redirect support only (the page the user wanted, for after sign-in). Security is checked in every
// page, action and route handler on the server, never here.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-lamnam-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|fonts).*)"],
};
