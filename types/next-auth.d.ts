import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    uid: number;
    sv: number;
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    sv?: number;
  }
}
