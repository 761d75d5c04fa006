import { describe, expect, it } from "vitest";
import { fileSize } from "./format";

describe("file sizes as the import page shows them", () => {
  it("says KB, MB or GB, with a decimal only where it tells something", () => {
    expect(fileSize(200)).toBe("1 KB");
    expect(fileSize(820 * 1024)).toBe("820 KB");
    expect(fileSize(4.2 * 1024 * 1024)).toBe("4.2 MB");
    expect(fileSize(96 * 1024 * 1024)).toBe("96 MB");
    expect(fileSize(1024 * 1024 * 1024)).toBe("1 GB");
    expect(fileSize(1.5 * 1024 * 1024 * 1024)).toBe("1.5 GB");
  });
});
