import { describe, expect, it } from "vitest";
import { EventDelivery } from "./event-delivery.js";

describe("EventDelivery", () => {
  it("is delivered once every publication is acknowledged", async () => {
    const delivery = new EventDelivery(7, 2);
    let outcome: string | undefined;
    void delivery.outcome.then((value) => {
      outcome = value;
    });
    delivery.settle(true);
    await Promise.resolve();
    expect(outcome).toBeUndefined();
    delivery.settle(true);
    expect(await delivery.outcome).toBe("delivered");
  });

  it("is lost when any one publication was dropped, and ignores settles past the last", async () => {
    const delivery = new EventDelivery(7, 2);
    delivery.settle(false);
    delivery.settle(true);
    delivery.settle(false);
    expect(await delivery.outcome).toBe("lost");
  });

  it("has nothing to wait for when the event went out as no publication", async () => {
    expect(await new EventDelivery(7, 0).outcome).toBe("delivered");
  });
});
