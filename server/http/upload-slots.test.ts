import { describe, expect, it } from "vitest";
import { uploadSlots } from "./upload-slots";

describe("upload slots", () => {
  it("lets a person hold their share and the instance its total, and gives slots back once", () => {
    const slots = uploadSlots({ perPerson: 2, perInstance: 3 });
    const first = slots.take("ada");
    const second = slots.take("ada");
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    // Ada is at her limit; Bo is not, until the instance is full.
    expect(slots.take("ada")).toBeNull();
    const bo = slots.take("bo");
    expect(bo).not.toBeNull();
    expect(slots.take("cy")).toBeNull();
    // Releasing twice frees one slot, not two.
    first!();
    first!();
    expect(slots.take("cy")).not.toBeNull();
    expect(slots.take("cy")).toBeNull();
    second!();
    expect(slots.take("ada")).not.toBeNull();
  });
});
