// Data the unit tests share.

import type { Coupon } from "./bindings";

// A stored coupon's spec as the backend returns it (normalised amounts, RFC 3339 validity).
export const SPEC: Coupon["spec"] = {
  name: "", bill_name: "", description: "", kind: "fixed", face_value: "", threshold: "",
  pay_percent: "", cap: "", price: "", original_price: "", multiplier: "", quantity: 1000,
  per_user_limit: 1, per_user_period: "campaign", daily_cap: 0,
  validity: { type: "absolute", start: "2027-03-06T00:00:00+08:00", end: "2027-03-09T23:59:59+08:00" },
  time_slots: [], store_ids: [], funding: { mall: "100", tenant: "0", provider: "0" },
  stacking: { exclusive: false, stackable_with: [], priority: 0 }, provider_ref: "", card_bins: [],
  wallet_color: "",
};
