import { describe, expect, it } from "vitest";
import { hrefWithParam, pageParam } from "@/core/http/search-params";

describe("page numbers from the URL", () => {
  it("takes a positive whole page number, the first of repeated ones", () => {
    expect(pageParam("3")).toBe(3);
    expect(pageParam(["2", "5"])).toBe(2);
  });

  it.each([undefined, "", "0", "-1", "abc", "1.5", "1e3", "9999999", " 2", "２"])("treats %j as the first page", (raw) => {
    expect(pageParam(raw)).toBe(1);
  });
});

describe("links that change one search parameter", () => {
  it("keeps the other filters (repeated ones too) and replaces the one named", () => {
    expect(hrefWithParam("/completeness", { period: "2570Q1", agencyPage: "3", c: ["a", "b"] }, "agencyPage", "4", "#by-agency")).toBe(
      "/completeness?period=2570Q1&c=a&c=b&agencyPage=4#by-agency",
    );
  });

  it("drops the parameter for null, leaving a clean URL", () => {
    expect(hrefWithParam("/completeness", { agencyPage: "2" }, "agencyPage", null)).toBe("/completeness");
  });

  it("encodes what it copies, so a crafted value cannot add parameters", () => {
    expect(hrefWithParam("/x", { q: "a&b=<c>" }, "page", "2")).toBe("/x?q=a%26b%3D%3Cc%3E&page=2");
  });
});
