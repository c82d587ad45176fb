/** Shared password of every demo account (hashed by the seed, never stored in clear); shown on the demo sign-in page. */
export const DEMO_PASSWORD = "Lamnam-demo-2569";
