// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit: run `make bindings`.

import { invoke } from "@tauri-apps/api/core";

export type Lang = "zh-CN" | "en";

export type Localized = { en: string, zh: string, };

export type Problem = { 
/**
 * The input field, as named in forms and CLI flags (`name`, `end`, `budget`, …).
 */
field: string, 
/**
 * Stable rule code, e.g. `campaign.end_before_start`.
 */
rule: string, 
/**
 * What is wrong and what to do, in both languages.
 */
message: Localized, };

export type Failure = { code: string, message: Localized, problems: Array<Problem>, line: number | null, 
/**
 * Empty where nothing is logged (the CLI prints the error itself).
 */
id: string, 
/**
 * A save refused because someone else saved first (`*.changed_elsewhere`): who, and the
 * current revisions — what "save anyway" sends, so it overwrites exactly the version the
 * message described and no later one. The changes are the `problems`, one per field.
 * Left out of every other failure.
 */
changed_elsewhere?: ChangedElsewhere, };

export type ChangedElsewhere = { by: Localized, 
/**
 * It was the same person, in another window or from the command line.
 */
yours: boolean, revisions: Array<Revision>, };

export type Revision = { id: number, revision: number, };

export type Waiting = { 
/**
 * What it waits for, when the running write said.
 */
activity: Activity | null, 
/**
 * The message for people, in both languages.
 */
message: Localized, };

export type DataChange = { table: string, 
/**
 * The campaign the changed row belongs to, when it belongs to one.
 */
campaign: number | null, };

export type Activity = { kind: ActivityKind, 
/**
 * The file being imported or restored, by name.
 */
detail: string, 
/**
 * The process running it.
 */
pid: number, 
/**
 * Local wall-clock time it began, `HH:MM`.
 */
since: string, };

export type ActivityKind = "import" | "restore" | "undo";

export type NoParams = Record<symbol, never>;

export type Id = { id: number, };

export type CampaignRef = { campaign: number, };

export type MallUpdate = { patch: MallPatch, };

export type StoreAdd = { input: StoreInput, };

export type StorePatch = { name?: string, floor?: string, category?: string, merchant_ids?: Array<MerchantAccount>, 
/**
 * Move ids another store holds (the user confirmed) instead of refusing them.
 */
move_taken_ids: boolean, };

export type StoreEdit = { id: number, patch: StorePatch, };

export type MerchantIdAssign = { store: number, account: MerchantAccount, allow_move: boolean, };

export type MerchantIdUnassign = { provider: Provider, merchant_id: string, };

export type CampaignList = { filter: CampaignFilter, };

export type CampaignAdd = { input: CampaignInput, };

export type CampaignEdit = { id: number, patch: CampaignPatch, 
/**
 * The revision the editor loaded: the save is refused (`campaign.changed_elsewhere`, with
 * what changed) when someone else saved since. Absent, the last writer wins — the CLI's
 * default, where no editor was loaded.
 */
expected_revision?: number, };

export type CampaignSetStatus = { id: number, status: CampaignStatus, reason: string, };

export type CampaignConflicts = { campaign?: number, };

export type FestivalDraft = { festival: string, year: number, };

export type CampaignClone = { id: number, year: number, };

export type CampaignSetBudgets = { id: number, amounts: Array<[Provider, string]>, 
/**
 * As in [`CampaignEdit`]: the split is part of what the campaign editor saves.
 */
expected_revision?: number, };

export type Year = { year: number, };

export type ProviderUpdate = { provider: Provider, patch: ProviderSettingsPatch, };

export type CouponList = { 
/**
 * Only this campaign's coupons; all when absent.
 */
campaign?: number, };

export type OfferPreview = { campaign: number, products: Array<Product>, spec: CouponSpec, replacing: number | null, };

export type OfferAdd = { campaign: number, products: Array<Product>, spec: CouponSpec, };

export type CouponEdit = { id: number, spec: CouponSpec, 
/**
 * The revision the editor loaded: the save is refused (`coupon.changed_elsewhere`, with
 * what changed) when someone else saved since. Absent, the last writer wins.
 */
expected_revision?: number, };

export type OfferEdit = { offer: number, spec: CouponSpec, 
/**
 * The revision of each coupon of the offer as the editor loaded it; absent, the last
 * writer wins.
 */
expected_revisions?: Array<Revision>, };

export type ImportFiles = { paths: Array<string>, 
/**
 * Read every file as this format; recognised from its content when absent.
 */
format?: Format, 
/**
 * The saved column mapping for generic CSV files.
 */
mapping?: string, 
/**
 * Keep a file whose rows disagree with its own summary (its batch is marked unreconciled).
 */
accept_mismatch: boolean, };

export type Batch = { batch: number, };

export type MappingSave = { mapping: Mapping, };

export type MappingRemove = { name: string, };

export type FootfallImport = { paths: Array<string>, };

export type FootfallList = { from?: string, to?: string, };

export type StatsKpis = { scope: Scope, };

export type StatsGrouped = { scope: Scope, by: GroupBy, };

export type ReportPreview = { campaign: number, lang: Lang, };

export type ReportExport = { campaign: number, format: ReportFormat, path: string, lang: Lang, };

export type ProjectionParams = { campaign: number, assumptions: Array<Assumption>, };

export type AsOfParams = { when: string, };

export type LanguageSet = { lang: Lang, };

export type DemoLoad = { force: boolean, };

export type BackupRestore = { 
/**
 * The backup's file name, as listed.
 */
file: string, };

export type BackupSetKeep = { count: number, };

export type AppInfo = { version: string, 
/**
 * The database file, or the team database's URL without its password.
 */
db_path: string, 
/**
 * The database is a team database (PostgreSQL).
 */
team: boolean, 
/**
 * Why the database could not be opened; the UI shows only this when set.
 */
open_error: Failure | null, 
/**
 * The language chosen in Settings, if any.
 */
language: Lang | null, 
/**
 * The language of the system locale, used until the user chooses.
 */
system_language: Lang, 
/**
 * No stores and no campaigns yet: the UI offers the demo.
 */
empty: boolean, 
/**
 * The demo's own database (opened from Settings): every screen says so.
 */
demo: boolean, };

export type TeamConnect = { 
/**
 * As IT gave it: `postgres://user@server/database?sslmode=require`.
 */
url: string, 
/**
 * Empty to use the one the keyring already holds for this URL.
 */
password: string, };

export type TeamConnected = { 
/**
 * The URL without its password, which is what the app now opens.
 */
url: string, 
/**
 * The password went into the system's keyring; false when there is none (then it must be
 * entered at each connect, and the message says so).
 */
password_saved: boolean, };

export type Festival = { id: string, name_zh: string, name_en: string, kind: FestivalKind, };

export type FestivalKind = "fixed" | "lunar" | "rule" | "solar-term";

export type FestivalDay = { id: string, name_zh: string, name_en: string, kind: FestivalKind, 
/**
 * `YYYY-MM-DD`.
 */
date: string, };

export type DemoSummary = { stores: number, campaigns: number, };

export type Mall = { name: string, 
/**
 * IANA time zone, e.g. `Asia/Shanghai`.
 */
time_zone: string, 
/**
 * Always `CNY`.
 */
currency: string, };

export type MallPatch = { name: string | null, time_zone: string | null, };

export type LogoInfo = { file_name: string, data_url: string, };

export type LogoFile = { path: string, };

export type Store = { id: number, name: string, 
/**
 * Floor as the mall labels it: `B1`, `L3`, `5F`.
 */
floor: string, 
/**
 * Business category: 餐饮, 服饰, 美妆, …
 */
category: string, 
/**
 * The ids the providers print on their bills for this store, by provider and kind.
 */
merchant_ids: Array<MerchantAccount>, };

export type StoreInput = { name: string, floor: string, category: string, 
/**
 * The store's whole set of merchant ids; ids left out are removed from it.
 */
merchant_ids: Array<MerchantAccount>, 
/**
 * Move ids that another store holds (the user confirmed) instead of refusing them.
 */
move_taken_ids?: boolean, };

export type StoreRef = { id: number, name: string, };

export type MerchantIdKind = "sub_mch_id" | "mch_id" | "store_id" | "pid" | "merchant_no" | "terminal" | "pos_code";

export type MerchantAccount = { provider: Provider, kind: MerchantIdKind, 
/**
 * As printed on the bill, e.g. `1900012301`.
 */
merchant_id: string, };

export type Assigned = { store: Store, account: MerchantAccount, 
/**
 * The store that held the id before, when it was moved.
 */
moved_from: StoreRef | null, 
/**
 * Trades of this merchant id now counted for the store.
 */
matched_trades: number, };

export type Provider = "wechat_pay" | "alipay" | "unionpay" | "bank_card" | "member_card";

export type ProviderSettings = { provider: Provider, 
/**
 * Fee as a percentage of the paid amount, e.g. `0.60` for 0.6 %.
 */
fee_rate: string, 
/**
 * Days from payment to settlement (T+n).
 */
settlement_days: number, };

export type ProviderSettingsPatch = { 
/**
 * Percent as typed: `0.6`, `0.60%`.
 */
fee_rate: string | null, settlement_days: number | null, };

export type Campaign = { id: number, name: string, 
/**
 * Plain text; never rendered as HTML.
 */
description: string, 
/**
 * A festival id from the catalog, e.g. `womens-day`.
 */
festival: string | null, 
/**
 * First second, RFC 3339 in the mall's zone.
 */
start: string, 
/**
 * Last second (inclusive), RFC 3339 in the mall's zone.
 */
end: string, status: CampaignStatus, 
/**
 * CNY, two decimals.
 */
budget: string, 
/**
 * Target stores; empty means the whole mall.
 */
store_ids: Array<number>, created_at: string, updated_at: string, 
/**
 * Counts the changes to what its editor shows (this form, its stores, its budget split,
 * its status): an editor saves with the revision it loaded, so a change someone else made
 * in between is not overwritten unseen.
 */
revision: number, 
/**
 * Who made the change that gave it this revision: the acting person as recorded, "" when
 * unknown.
 */
changed_by: string, };

export type CampaignStatus = "draft" | "scheduled" | "live" | "ended" | "paused" | "cancelled";

export type CampaignInput = { name: string, description: string, festival: string | null, 
/**
 * `YYYY-MM-DD` (start of day), `YYYY-MM-DD HH:MM[:SS]` in the mall's zone, or RFC 3339.
 */
start: string, 
/**
 * `YYYY-MM-DD` (through the end of that day), a local date-time, or RFC 3339.
 */
end: string, 
/**
 * Yuan, e.g. `50000` or `1234.50`.
 */
budget: string, store_ids: Array<number>, };

export type CampaignPatch = { name: string | null, description: string | null, 
/**
 * `Some("")` removes the festival tag.
 */
festival: string | null, start: string | null, end: string | null, budget: string | null, store_ids: Array<number> | null, };

export type CampaignFilter = { status: CampaignStatus | null, festival: string | null, 
/**
 * Only campaigns running on or after this local date (`YYYY-MM-DD`).
 */
from: string | null, 
/**
 * Only campaigns running on or before this local date (`YYYY-MM-DD`).
 */
to: string | null, 
/**
 * Case-insensitive text found in the name or description.
 */
search: string | null, };

export type StatusChange = { from: CampaignStatus | null, to: CampaignStatus, 
/**
 * RFC 3339 in the mall's zone.
 */
at: string, by: string, reason: string, };

export type Conflict = { first_id: number, first_name: string, 
/**
 * The first campaign's own start and end, RFC 3339 in the mall's zone: with its name,
 * what tells it apart from a namesake of another year.
 */
first_start: string, first_end: string, second_id: number, second_name: string, second_start: string, second_end: string, 
/**
 * Stores both target; empty when both target the whole mall.
 */
store_ids: Array<number>, 
/**
 * The overlap, RFC 3339 in the mall's zone.
 */
from: string, to: string, };

export type BudgetPlan = { campaign_id: number, total: string, by_provider: Array<ProviderBudget>, allocated: string, unallocated: string, 
/**
 * Calendar days the campaign touches in the mall's zone.
 */
days: number, 
/**
 * The even pace: total ÷ days, rounded down to the fen.
 */
daily_pace: string, };

export type ProviderBudget = { provider: Provider, amount: string, };

export type CampaignDetail = { campaign: Campaign, history: Array<StatusChange>, 
/**
 * The statuses it may move to now, so the UI offers only legal moves.
 */
next: Array<CampaignStatus>, conflicts: Array<Conflict>, budget: BudgetPlan, };

export type Product = "wechat_cash" | "wechat_merchant" | "alipay_voucher" | "alipay_order_voucher" | "unionpay" | "bank_card" | "member_card";

export type CouponKind = "fixed" | "discount" | "exchange" | "gift" | "points";

export type LimitPeriod = "day" | "week" | "month" | "campaign";

export type Validity = { "type": "absolute", start: string, end: string, } | { "type": "relative", days: number, wait_days: number, };

export type TimeSlot = { weekdays: Array<number>, 
/**
 * `HH:MM`.
 */
start: string, 
/**
 * `HH:MM`.
 */
end: string, };

export type Funding = { mall: string, tenant: string, provider: string, };

export type Stacking = { 
/**
 * Used alone: no other coupon on the same payment.
 */
exclusive: boolean, 
/**
 * Coupon ids it may be combined with.
 */
stackable_with: Array<number>, 
/**
 * Higher applies first.
 */
priority: number, };

export type CouponSpec = { name: string, 
/**
 * The name under which the coupon appears in bills (Alipay 券名称); empty = `name`.
 */
bill_name: string, description: string, kind: CouponKind, 
/**
 * Fixed: amount off. Gift: the gift's value.
 */
face_value: string, 
/**
 * Minimum spend; "0" or empty = no threshold.
 */
threshold: string, 
/**
 * Discount: percent the customer pays, e.g. "88".
 */
pay_percent: string, 
/**
 * Discount: the most it can take off.
 */
cap: string, 
/**
 * Exchange: the special price.
 */
price: string, 
/**
 * Exchange: the item's normal price.
 */
original_price: string, 
/**
 * Points: e.g. "2" for double points.
 */
multiplier: string, quantity: number, 
/**
 * 0 = no per-user limit.
 */
per_user_limit: number, per_user_period: LimitPeriod, 
/**
 * 0 = no daily cap.
 */
daily_cap: number, validity: Validity, time_slots: Array<TimeSlot>, 
/**
 * Stores where it can be used; empty = the campaign's stores.
 */
store_ids: Array<number>, funding: Funding, stacking: Stacking, 
/**
 * WeChat stock_id or Alipay template / activity id, once the provider issued it.
 */
provider_ref: string, 
/**
 * Card BIN prefixes for card promotions, e.g. "62".
 */
card_bins: Array<string>, 
/**
 * WeChat Pay card background, one of [`WECHAT_COLORS`]; empty = `Color020`.
 */
wallet_color: string, };

export type Coupon = { id: number, 
/**
 * Counts the changes to what its editor shows (its spec and stores): an editor saves with
 * the revision it loaded, so someone else's change in between is not overwritten unseen.
 */
revision: number, 
/**
 * Who made the change that gave it this revision, "" when unknown.
 */
changed_by: string, campaign_id: number, 
/**
 * Coupons created together as one offer on several wallets share this.
 */
offer_id: number | null, product: Product, provider: Provider, spec: CouponSpec, 
/**
 * The most one redemption can cost (face value, cap, price difference or gift value).
 */
max_discount: string, };

export type OfferCheck = { ok: boolean, problems: Array<Problem>, 
/**
 * The campaign's worst-case coupon cost with this offer; null when unbounded.
 */
worst_case: string | null, budget: string, within_budget: boolean, };

export type CodePoolList = { 
/**
 * Only this campaign's pools; all when absent.
 */
campaign?: number, };

export type CouponCodes = { coupon: number, };

export type CodeGenerate = { coupon: number, count: number, prefix: string, length: number, replace: boolean, };

export type CodeImport = { coupon: number, path: string, replace: boolean, };

export type CodeExportFile = { coupon: number, format: ExportFormat, path: string, lang: Lang, };

export type RedemptionFile = { path: string, columns: RedemptionColumns, };

export type PrintPreviewParams = { spec: PrintSpec, lang: Lang, };

export type PrintSave = { spec: PrintSpec, path: string, lang: Lang, };

export type PoolSource = "generated" | "imported";

export type PoolInfo = { coupon_id: number, coupon_name: string, campaign_id: number, campaign_name: string, product: Product, source: PoolSource, 
/**
 * Generated pools: the prefix and the whole code's length (prefix and check included).
 */
prefix: string, length: number, codes: number, 
/**
 * The coupon's quantity: a WeChat upload pool needs at least this many codes.
 */
quantity: number, 
/**
 * WeChat Pay 商家券 whose codes the mall uploads (`coupon_code_mode` MERCHANT_UPLOAD).
 */
upload_mode: boolean, 
/**
 * When the pool was made, RFC 3339 in the mall's zone.
 */
created_at: string, 
/**
 * The first few codes, to recognise the pool by.
 */
sample: Array<string>, };

export type ExportFormat = "wechat_upload" | "csv" | "xlsx";

export type CodeExport = { path: string, format: ExportFormat, codes: number, 
/**
 * WeChat upload requests written (0 for CSV and XLSX).
 */
batches: number, };

export type RedemptionColumns = { code: string, time: string, store: string, };

export type RedemptionImport = { file: string, rows: number, 
/**
 * Rows whose code is in one of the database's pools.
 */
matched: number, 
/**
 * Rows whose code no pool has (another campaign's or a typo).
 */
unknown: number, 
/**
 * The same file again: nothing new was stored.
 */
already_imported: boolean, };

export type CodeUse = { code: string, 
/**
 * RFC 3339 in the mall's zone.
 */
at: string, 
/**
 * The store as the file names it.
 */
store: string, 
/**
 * The file's name and line, to find the row again.
 */
file: string, line: number, };

export type RepeatedUse = { code: string, uses: Array<CodeUse>, };

export type PoolUsage = { coupon_id: number, coupon_name: string, issued: number, 
/**
 * Codes used at least once.
 */
used: number, unused: number, 
/**
 * All uses, the repeats included.
 */
uses: number, repeated: Array<RepeatedUse>, outside_validity: Array<CodeUse>, outside_stores: Array<CodeUse>, };

export type Printable = "poster_a4" | "poster_a3" | "tent" | "vouchers";

export type PrintSpec = { coupon: number, printable: Printable, 
/**
 * The claim link from the provider's console (posters and tents); empty: no QR code.
 */
link: string, 
/**
 * Vouchers: the first code's position in the pool (0 = the first) and how many.
 */
first: number, count: number | null, };

export type OfferText = { mall: string, 
/**
 * The big line: 满200减30.
 */
headline: string, 
/**
 * The coupon's own name, under the headline.
 */
name: string, validity: string, stores: string, 
/**
 * One line per term: the coupon's description lines, then its limits.
 */
terms: Array<string>, 
/**
 * The wallet it is claimed into, and its colour (#rrggbb).
 */
wallet: string, wallet_color: string, 
/**
 * The line under the QR code.
 */
scan_hint: string, };

export type PrintPreview = { offer: OfferText, qr_svg: string | null, 
/**
 * A voucher's code, for the voucher preview (the pool's first code).
 */
sample_code: string | null, };

export type PrintSummary = { path: string, pages: number, bytes: number, 
/**
 * Vouchers printed (0 for posters and tents).
 */
vouchers: number, };

export type Format = "wechat-trade" | "alipay-trade" | "csv";

export type Totals = { order: string, settlement: string, coupon: string, refund: string, fee: string, };

export type Mismatch = { 
/**
 * The summary's name for the figure, e.g. 应结订单总金额.
 */
figure: string, summary: string, rows: string, };

export type ImportReport = { file: string, format: Format, batch_id: number, rows: number, payments: number, refunds: number, inserted: number, duplicates: number, reconciled: boolean, totals: Totals, mismatches: Array<Mismatch>, };

export type BatchSummary = { batch_id: number, file: string, format: string, 
/**
 * RFC 3339 in the mall's zone.
 */
imported_at: string, rows: number, inserted: number, duplicates: number, reconciled: boolean, totals: Totals, };

export type UnmatchedMerchant = { provider: string, merchant_id: string, trades: number, };

export type UnattributedTrade = { trade_id: number, provider: string, trade_no: string, occurred_at: string, coupon_amount: string, coupon_name: string, };

export type Mapping = { name: string, 
/**
 * The provider the trades belong to: unionpay, bank_card, member_card, wechat_pay, alipay.
 */
provider: string, columns: MappingColumns, };

export type MappingColumns = { time: string, trade_no: string, 
/**
 * Order amount (yuan); negative on refunds.
 */
amount: string, received: string, coupon: string, coupon_name: string, fee: string, merchant_id: string, refund_no: string, order_no: string, };

export type Scope = { campaign: number | null, 
/**
 * Local date, inclusive.
 */
from: string | null, 
/**
 * Local date, inclusive.
 */
to: string | null, 
/**
 * Only this provider's trades (`wechat_pay`, `alipay`, …).
 */
provider: string | null, 
/**
 * Only this store's trades.
 */
store: number | null, };

export type GroupBy = "provider" | "store" | "day" | "hour" | "coupon";

export type Kpis = { 
/**
 * Payments.
 */
trades: number, 
/**
 * Refund rows.
 */
refunds: number, 
/**
 * Σ order amount of payments (GMV).
 */
order: string, 
/**
 * Σ merchant-received amount of payments.
 */
settlement: string, 
/**
 * Σ coupon amount of payments.
 */
coupon: string, 
/**
 * Σ refunded amount (positive).
 */
refund: string, 
/**
 * Σ fees, refunds' negative fees included.
 */
fee: string, 
/**
 * settlement − fee − refund.
 */
net: string, 
/**
 * Payments that used a coupon.
 */
redemptions: number, 
/**
 * Discount funded through the payment provider (WeChat prepaid coupons, Alipay discounts).
 */
provider_funded: string, 
/**
 * Discount funded by the merchant side (免充值 coupons, 商家优惠).
 */
merchant_funded: string, 
/**
 * refunds ÷ trades, 4 decimals; null without trades.
 */
refund_rate: string | null, 
/**
 * order ÷ trades; null without trades.
 */
average_ticket: string | null, 
/**
 * Average order of payments with a coupon.
 */
average_ticket_with_coupon: string | null, 
/**
 * Average order of payments without a coupon.
 */
average_ticket_without_coupon: string | null, 
/**
 * fee ÷ settlement, 4 decimals.
 */
effective_fee_rate: string | null, 
/**
 * order ÷ coupon: GMV per ¥1 of discount.
 */
gmv_per_discount_yuan: string | null, 
/**
 * Visitors counted on the days of the scope that have footfall; null without counts or
 * when the scope is one store (mall visitors are not a store's).
 */
visitors: number | null, 
/**
 * Payments on the days with counts ÷ visitors, 4 decimals.
 */
conversion: string | null, };

export type GroupKey = { "kind": "provider", provider: Provider, } | { "kind": "store", name: string, id: number, } | { "kind": "unmatched", merchant_id: string, } | { "kind": "no_merchant" } | { "kind": "day", date: string, } | { "kind": "hour", hour: number, } | { "kind": "coupon", name: string, } | { "kind": "unattributed" } | { "kind": "no_coupon" };

export type Group = { key: GroupKey, 
/**
 * Payments.
 */
trades: number, 
/**
 * Refund rows.
 */
refunds: number, 
/**
 * Σ order amount of payments (GMV).
 */
order: string, 
/**
 * Σ merchant-received amount of payments.
 */
settlement: string, 
/**
 * Σ coupon amount of payments.
 */
coupon: string, 
/**
 * Σ refunded amount (positive).
 */
refund: string, 
/**
 * Σ fees, refunds' negative fees included.
 */
fee: string, 
/**
 * settlement − fee − refund.
 */
net: string, 
/**
 * Payments that used a coupon.
 */
redemptions: number, 
/**
 * Discount funded through the payment provider (WeChat prepaid coupons, Alipay discounts).
 */
provider_funded: string, 
/**
 * Discount funded by the merchant side (免充值 coupons, 商家优惠).
 */
merchant_funded: string, 
/**
 * refunds ÷ trades, 4 decimals; null without trades.
 */
refund_rate: string | null, 
/**
 * order ÷ trades; null without trades.
 */
average_ticket: string | null, 
/**
 * Average order of payments with a coupon.
 */
average_ticket_with_coupon: string | null, 
/**
 * Average order of payments without a coupon.
 */
average_ticket_without_coupon: string | null, 
/**
 * fee ÷ settlement, 4 decimals.
 */
effective_fee_rate: string | null, 
/**
 * order ÷ coupon: GMV per ¥1 of discount.
 */
gmv_per_discount_yuan: string | null, 
/**
 * Visitors counted on the days of the scope that have footfall; null without counts or
 * when the scope is one store (mall visitors are not a store's).
 */
visitors: number | null, 
/**
 * Payments on the days with counts ÷ visitors, 4 decimals.
 */
conversion: string | null, };

export type CampaignCost = { 
/**
 * Σ quantity of the campaign's coupons.
 */
issued: number, 
/**
 * Attributed redemptions.
 */
redemptions: number, 
/**
 * redemptions ÷ issued, 4 decimals.
 */
redemption_rate: string | null, 
/**
 * Discount paid by the mall, the tenants and the providers, by each coupon's funding split.
 */
mall: string, tenant: string, provider: string, 
/**
 * mall + tenant: what the campaign's budget pays for.
 */
spent: string, budget: string, 
/**
 * spent ÷ budget, 4 decimals.
 */
budget_used: string | null, };

export type Uplift = { baseline: Baseline, baseline_from: string, baseline_to: string, campaign: Kpis, base: Kpis, trades_change: string | null, order_change: string | null, redemptions_change: string | null, average_ticket_change: string | null, conversion_change: string | null, };

export type Baseline = "before" | "last_year";

export type FootfallReport = { file: string, rows: number, inserted: number, 
/**
 * Keys already present with another count, now corrected.
 */
updated: number, unchanged: number, first_day: string | null, last_day: string | null, };

export type FootfallDay = { date: string, visitors: number, };

export type WalletColor = { name: string, hex: string, };

export type BackupInfo = { file: string, path: string, 
/**
 * Why it was made: `manual`, `daily`, `before-migration`, `before-restore`.
 */
reason: string, 
/**
 * The mall's local time from the file name, `YYYY-MM-DD HH:MM:SS`.
 */
created: string, bytes: number, };

export type Health = { 
/**
 * SQLite's integrity-check findings; empty when the database is sound.
 */
problems: Array<string>, 
/**
 * Backups to restore from, newest first.
 */
backups: Array<BackupInfo>, };

export type Checklist = { ready: boolean, items: Array<CheckItem>, };

export type CheckItem = { id: string, status: CheckStatus, message: Localized, fix: FixAt, 
/**
 * The campaign the fix opens when it is another one (the campaign this one overlaps);
 * none means the checked campaign itself.
 */
campaign: number | null, };

export type CheckStatus = "pass" | "warn" | "fail";

export type FixAt = "campaign" | "coupons" | "stores" | "settings" | "calendar";

export type Assumption = { provider: Provider, 
/**
 * Percent of issued coupons that customers claim, 0–100.
 */
take_up: string, 
/**
 * Percent of claimed coupons that are redeemed, 0–100.
 */
redeem: string, 
/**
 * Yuan.
 */
average_ticket: string, 
/**
 * Where each default came from (read-only for the caller): the mall's own history when
 * it has any, else that it is an assumption.
 */
take_up_basis: Localized | null, redeem_basis: Localized | null, ticket_basis: Localized | null, };

export type Projection = { coupons: Array<ProjectionLine>, providers: Array<ProjectionLine>, total: ProjectionLine, budget: string, 
/**
 * (mall + tenant) ÷ budget, 4 decimals.
 */
budget_use: string | null, };

export type ProjectionLine = { label: string, provider: Provider | null, claimed: number, redemptions: number, gmv: string, discount: string, mall: string, tenant: string, provider_funded: string, fees: string, net: string, };

export type AsOf = { 
/**
 * The moment, RFC 3339 in the mall's zone.
 */
at: string, campaigns: Array<AsOfCampaign>, coupons: Array<LiveCoupon>, };

export type AsOfCampaign = { id: number, name: string, status: CampaignStatus, };

export type LiveCoupon = { coupon_id: number, campaign_id: number, campaign: string, name: string, product: Product, provider: Provider, };

export type SignoffState = { 
/**
 * Whether launching waits for a sign-off (a team database with its roles set up) or not
 * (the embedded store).
 */
required: boolean, 
/**
 * Whether the connected person may sign (an approver).
 */
can_sign: boolean, 
/**
 * The latest sign-off and whether it still holds.
 */
latest: Signoff | null, };

export type Signoff = { 
/**
 * The approver's chosen name, else their login.
 */
by: string, 
/**
 * `YYYY-MM-DD HH:MM` in the mall's zone.
 */
at: string, 
/**
 * It still holds: nothing it covered has changed since.
 */
valid: boolean, 
/**
 * What changed since, newest first (empty when it holds, or when the change was only in
 * a verdict, such as a date coming closer).
 */
changes: Array<Localized>, };

export type Me = { 
/**
 * The login role (team database) or the operating system's user.
 */
role_name: string, 
/**
 * The name they chose; none until they chose one.
 */
display_name: string | null, 
/**
 * The PromoDesk roles they hold, lowest first.
 */
roles: Array<Role>, 
/**
 * Whether this is a team database (else: the embedded store, every role).
 */
team: boolean, };

export type Role = "viewer" | "importer" | "planner" | "approver";

export type HistoryEntry = { id: number, 
/**
 * `YYYY-MM-DD HH:MM` in the mall's zone.
 */
at: string, 
/**
 * The person's chosen name, else their login.
 */
who: string, 
/**
 * Their login role (team database) or user name.
 */
role_name: string, 
/**
 * What they did, with their name first.
 */
summary: Localized, };

export type NameSet = { name: string, };

export type Report = { campaign_id: number, 
/**
 * The campaign's name.
 */
title: string, mall: string, 
/**
 * "Generated at 2026-11-26 09:10 (Asia/Shanghai)", localized.
 */
generated: string, answer: Answer, 
/**
 * Page 1 (`Headlines`, `Wallets`) first, then the details.
 */
sections: Array<Section>, charts: Array<Chart>, };

export type Answer = { 
/**
 * "2027-03-06 – 2027-03-09 · Whole mall", then what the figures are compared with.
 */
facts: Array<string>, 
/**
 * Three plain sentences generated from the figures, in the report's language.
 */
sentences: Array<string>, };

export type Section = { id: SectionId, title: string, columns: Array<string>, rows: Array<Array<Cell>>, };

export type SectionId = "headlines" | "wallets" | "summary" | "kpis" | "providers" | "daily" | "stores" | "coupons" | "codes" | "bills";

export type Cell = { "kind": "text", "value": string } | { "kind": "money", "value": string } | { "kind": "int", "value": number } | { "kind": "ratio", "value": string } | { "kind": "change", "value": string } | { "kind": "empty" };

export type Chart = { section: SectionId, title: string, kind: ChartKind, category_column: number, value_column: number, 
/**
 * One colour per row (`#rrggbb`), for charts whose rows are wallets: each wallet in its
 * own colour, the same as in the app. Empty: the report's accent for every bar.
 */
colors: Array<string>, 
/**
 * A second series drawn beside the first in grey: the baseline's value of each category
 * (e.g. last year's festival, day by day).
 */
baseline_column: number | null, };

export type ChartKind = "line" | "column" | "bar";

export type ReportFormat = "xlsx" | "pdf" | "csv";

export type ExportSummary = { path: string, format: ReportFormat, bytes: number, };

export type FootfallOutcome = { file: string, report: FootfallReport | null, error: Failure | null, };

export type FileOutcome = { file: string, report: ImportReport | null, error: Failure | null, };

export type ImportProgress = { file: string, 
/**
 * The file's position among those imported together, from 0.
 */
index: number, total: number, rows: number, rows_per_second: number, };

export type DemoDatabase = { path: string, };

export type HomeOverview = { 
/**
 * Today in the mall's zone, `YYYY-MM-DD`.
 */
today: string, 
/**
 * No stores, no campaigns and no bills yet: the screen says what to do first instead.
 */
empty: boolean, 
/**
 * Campaigns live now, the one ending first on top.
 */
live: Array<LiveCampaign>, 
/**
 * Dated things to do, the earliest first (so overdue ones lead).
 */
deadlines: Array<Deadline>, 
/**
 * Drafts and scheduled campaigns not over yet, by start, with their checklist counts.
 */
upcoming: Array<UpcomingCheck>, unmatched: Unmatched, 
/**
 * The most recently ended campaign that has imported trades.
 */
last_results: LastResults | null, };

export type LiveCampaign = { id: number, name: string, 
/**
 * The last day, `YYYY-MM-DD` (inclusive).
 */
end: string, 
/**
 * Days from today to the last day (0: ends today).
 */
days_left: number, };

export type UpcomingCheck = { id: number, name: string, status: CampaignStatus, 
/**
 * The first day, `YYYY-MM-DD`.
 */
start: string, 
/**
 * Days from today to the first day (negative: a draft whose start has passed).
 */
days: number, fails: number, warns: number, };

export type Unmatched = { merchants: number, trades: number, };

export type LastResults = { id: number, name: string, start: string, end: string, trades: number, 
/**
 * 交易额: Σ order amount of payments.
 */
order: string, 
/**
 * 核销: payments that used a coupon.
 */
redemptions: number, 
/**
 * 优惠金额: the discount the coupons gave.
 */
discount: string, 
/**
 * What the mall and the tenants paid of it, against the budget.
 */
spent: string, budget: string, 
/**
 * 交易额 against the baseline, (campaign − base) ÷ base; null without a baseline.
 */
order_change: string | null, baseline: Baseline, baseline_from: string, baseline_to: string, };

export type Deadline = { 
/**
 * The same for the same thing due on the same day, across restarts (what "notified once"
 * remembers).
 */
key: string, kind: DeadlineKind, 
/**
 * The day it falls on, `YYYY-MM-DD` in the mall's zone (for missing bills: the first day
 * the first missing bill could have been imported).
 */
date: string, 
/**
 * Days from today to `date`; negative when overdue.
 */
days: number, campaign: number, campaign_name: string, provider: Provider | null, 
/**
 * What to do, a whole sentence with its dates.
 */
message: Localized, goto: Goto, };

export type DeadlineKind = "missing_bills" | "alipay_publish" | "wechat_cash" | "launch";

export type Goto = "campaign" | "launch" | "coupons" | "import";

export type PlazaRef = { plaza: number, };

export type PlazaCompare = { campaign: string, };

export type PlazaCompareExport = { campaign: string, 
/**
 * The file to write, as chosen in the save dialog.
 */
path: string, };

export type Plaza = { id: number, name: string, time_zone: string, 
/**
 * The plaza this connection works in now.
 */
current: boolean, };

export type PlazaComparison = { campaign: string, columns: Array<PlazaColumn>, };

export type PlazaColumn = { plaza: Plaza, 
/**
 * The plaza's campaign matched (by name, else by festival and year); none when the plaza
 * did not run it.
 */
campaign_id: number | null, campaign_name: string | null, 
/**
 * The campaign's statistics in this plaza, as its statistics screen shows them.
 */
total: Kpis | null, 
/**
 * Per wallet, in the providers' order.
 */
wallets: Array<WalletFigures>, };

export type WalletFigures = { provider: Provider, 
/**
 * 交易额: Σ order amount of payments.
 */
order: string, 
/**
 * 核销: payments that used a coupon.
 */
redemptions: number, 
/**
 * 优惠金额: Σ coupon amount of payments.
 */
coupon: string, };

/** What every command rejects with: the same shape as `Failure`. */
export type IpcError = Failure;

/** Every provider, in the order screens list them. */
export const PROVIDERS: readonly Provider[] = ["wechat_pay", "alipay", "unionpay", "bank_card", "member_card"];

/** Each wallet's colour, the same in every chart, badge and report. */
export const PROVIDER_COLORS: Readonly<Record<Provider, string>> = { wechat_pay: "#07c160", alipay: "#1677ff", unionpay: "#d7000f", bank_card: "#8d6e63", member_card: "#c2185b" };

/** Every command of the app, typed from the Rust side. Rejections are `IpcError`. */
export const commands = {
  festivalList: () => invoke<Array<Festival>>("festival_list", {}),
  /** The festival days of one year, for the calendar. */
  festivalDays: (params: Year) => invoke<Array<FestivalDay>>("festival_days", params),
  mallGet: () => invoke<Mall>("mall_get", {}),
  /** The mall's logo on its reports, to show in Settings. */
  mallLogoGet: () => invoke<LogoInfo | null>("mall_logo_get", {}),
  storeList: () => invoke<Array<Store>>("store_list", {}),
  campaignList: (params: CampaignList) => invoke<Array<Campaign>>("campaign_list", params),
  /** Everything the campaign page shows about one campaign. */
  campaignGet: (params: Id) => invoke<CampaignDetail>("campaign_get", params),
  campaignConflicts: (params: CampaignConflicts) => invoke<Array<Conflict>>("campaign_conflicts", params),
  /** A new campaign's fields for a festival's days, to edit before saving. */
  campaignDraftForFestival: (params: FestivalDraft) => invoke<CampaignInput>("campaign_draft_for_festival", params),
  couponList: (params: CouponList) => invoke<Array<Coupon>>("coupon_list", params),
  /** A new offer's fields, valid through the campaign. */
  couponBlank: (params: CampaignRef) => invoke<CouponSpec>("coupon_blank", params),
  /** Checks an offer as it is typed, without saving it. */
  couponPreview: (params: OfferPreview) => invoke<OfferCheck>("coupon_preview", params),
  /** The provider payload, pretty-printed for the user to copy. */
  couponExportSpec: (params: Id) => invoke<string>("coupon_export_spec", params),
  /** WeChat's card colours, for the colour picker and the wallet preview. */
  couponWalletColors: () => invoke<Array<WalletColor>>("coupon_wallet_colors", {}),
  /** The coupons' code pools (of one campaign). */
  codePools: (params: CodePoolList) => invoke<Array<PoolInfo>>("code_pools", params),
  /** Writes a pool for WeChat Pay's upload, a POS or a print shop. */
  codeExport: (params: CodeExportFile) => invoke<CodeExport>("code_export", params),
  /** Which of a pool's codes were used, twice, out of validity or out of scope. */
  codeUsage: (params: CouponCodes) => invoke<PoolUsage>("code_usage", params),
  /** Every code pool of a campaign with its use, for the campaign's statistics. */
  codeCampaignUsage: (params: CampaignRef) => invoke<Array<PoolUsage>>("code_campaign_usage", params),
  /** The offer's printed text and QR code, to preview before saving. */
  printPreview: (params: PrintPreviewParams) => invoke<PrintPreview>("print_preview", params),
  /** Writes a poster, table tent or voucher sheets as PDF. */
  printSave: (params: PrintSave) => invoke<PrintSummary>("print_save", params),
  importHistory: () => invoke<Array<BatchSummary>>("import_history", {}),
  importUnmatched: () => invoke<Array<UnmatchedMerchant>>("import_unmatched", {}),
  importUnattributed: () => invoke<Array<UnattributedTrade>>("import_unattributed", {}),
  importMappings: () => invoke<Array<Mapping>>("import_mappings", {}),
  footfallList: (params: FootfallList) => invoke<Array<FootfallDay>>("footfall_list", params),
  statsKpis: (params: StatsKpis) => invoke<Kpis>("stats_kpis", params),
  statsGrouped: (params: StatsGrouped) => invoke<Array<Group>>("stats_grouped", params),
  statsCampaignCost: (params: CampaignRef) => invoke<CampaignCost>("stats_campaign_cost", params),
  statsUplift: (params: CampaignRef) => invoke<Uplift>("stats_uplift", params),
  /** The report in one language, as the Reports screen previews it. */
  reportPreview: (params: ReportPreview) => invoke<Report>("report_preview", params),
  launchCheck: (params: CampaignRef) => invoke<Checklist>("launch_check", params),
  projectionDefaults: (params: CampaignRef) => invoke<Array<Assumption>>("projection_defaults", params),
  projection: (params: ProjectionParams) => invoke<Projection>("projection", params),
  asOf: (params: AsOfParams) => invoke<AsOf>("as_of", params),
  /** The integrity check and the daily backup, run once after start. */
  dbHealth: () => invoke<Health>("db_health", {}),
  backupList: () => invoke<Array<BackupInfo>>("backup_list", {}),
  backupCreate: () => invoke<BackupInfo>("backup_create", {}),
  backupKeep: () => invoke<number>("backup_keep", {}),
  providerList: () => invoke<Array<ProviderSettings>>("provider_list", {}),
  /** Who is connected: login, chosen name, PromoDesk roles. */
  peopleMe: () => invoke<Me>("people_me", {}),
  /** Every change to a campaign, its coupons, stores, status and sign-offs, newest first. */
  campaignHistory: (params: CampaignRef) => invoke<Array<HistoryEntry>>("campaign_history", params),
  /** Whether the launch checklist is signed off as it stands, by whom, what changed since. */
  launchSignoffState: (params: CampaignRef) => invoke<SignoffState>("launch_signoff_state", params),
  /** The plazas of the team database this person may use, the open one marked. */
  plazaList: () => invoke<Array<Plaza>>("plaza_list", {}),
  /** One campaign (by name) side by side in every plaza this person may use. */
  statsComparePlazas: (params: PlazaCompare) => invoke<PlazaComparison>("stats_compare_plazas", params),
  /** Writes that comparison as CSV to the file chosen in the save dialog. */
  statsComparePlazasExport: (params: PlazaCompareExport) => invoke<string>("stats_compare_plazas_export", params),
  /** Saves the language chosen in Settings. */
  setLanguage: (params: LanguageSet) => invoke<null>("set_language", params),
  /** Loads the demo stores and campaigns into an empty database. */
  demoLoad: (params: DemoLoad) => invoke<DemoSummary>("demo_load", params),
  mallUpdate: (params: MallUpdate) => invoke<Mall>("mall_update", params),
  /** Checks the image and keeps it as the mall's logo on its reports. */
  mallLogoSet: (params: LogoFile) => invoke<LogoInfo>("mall_logo_set", params),
  mallLogoClear: () => invoke<null>("mall_logo_clear", {}),
  storeAdd: (params: StoreAdd) => invoke<Store>("store_add", params),
  storeEdit: (params: StoreEdit) => invoke<Store>("store_edit", params),
  storeRemove: (params: Id) => invoke<null>("store_remove", params),
  /** Gives a store a merchant id: the Stores screen's "add id" and the Import screen's mapping of an unmatched merchant. */
  storeAssignMerchantId: (params: MerchantIdAssign) => invoke<Assigned>("store_assign_merchant_id", params),
  storeUnassignMerchantId: (params: MerchantIdUnassign) => invoke<StoreRef>("store_unassign_merchant_id", params),
  campaignAdd: (params: CampaignAdd) => invoke<Campaign>("campaign_add", params),
  campaignEdit: (params: CampaignEdit) => invoke<Campaign>("campaign_edit", params),
  campaignSetStatus: (params: CampaignSetStatus) => invoke<Campaign>("campaign_set_status", params),
  campaignRemove: (params: Id) => invoke<null>("campaign_remove", params),
  campaignClone: (params: CampaignClone) => invoke<Campaign>("campaign_clone", params),
  campaignSetBudgets: (params: CampaignSetBudgets) => invoke<BudgetPlan>("campaign_set_budgets", params),
  couponAddOffer: (params: OfferAdd) => invoke<Array<Coupon>>("coupon_add_offer", params),
  couponEdit: (params: CouponEdit) => invoke<Coupon>("coupon_edit", params),
  couponEditOffer: (params: OfferEdit) => invoke<Array<Coupon>>("coupon_edit_offer", params),
  couponRemove: (params: Id) => invoke<null>("coupon_remove", params),
  /** Generates a coupon's codes; `replace` is the user's confirmation. */
  codeGenerate: (params: CodeGenerate) => invoke<PoolInfo>("code_generate", params),
  /** Imports a list of existing codes as a coupon's pool. */
  codeImport: (params: CodeImport) => invoke<PoolInfo>("code_import", params),
  /** Reads a redemption export (code, time, store). */
  codeRedemptionsImport: (params: RedemptionFile) => invoke<RedemptionImport>("code_redemptions_import", params),
  /** Removes a batch's trades; answers how many. */
  importUndo: (params: Batch) => invoke<number>("import_undo", params),
  importSaveMapping: (params: MappingSave) => invoke<Mapping>("import_save_mapping", params),
  importRemoveMapping: (params: MappingRemove) => invoke<null>("import_remove_mapping", params),
  footfallImport: (params: FootfallImport) => invoke<Array<FootfallOutcome>>("footfall_import", params),
  /** Schedules the campaign as the operating system's user, so the history says who. */
  launchCampaign: (params: CampaignRef) => invoke<Campaign>("launch_campaign", params),
  /** The approver signs the launch checklist as it stands now. */
  launchSignOff: (params: CampaignRef) => invoke<SignoffState>("launch_sign_off", params),
  /** The name the history shows for the connected person. */
  peopleSetName: (params: NameSet) => invoke<Me>("people_set_name", params),
  backupRestore: (params: BackupRestore) => invoke<BackupInfo>("backup_restore", params),
  backupSetKeep: (params: BackupSetKeep) => invoke<null>("backup_set_keep", params),
  providerUpdate: (params: ProviderUpdate) => invoke<ProviderSettings>("provider_update", params),
  /** What the UI needs before the first screen; answers even when the database would not open. */
  appInfo: () => invoke<AppInfo>("app_info", {}),
  /** The home screen: what is live, deadlines, launch checks, unmatched merchant ids, the last campaign's results (the first time, read while the window was made). */
  homeOverview: () => invoke<HomeOverview>("home_overview", {}),
  /** Imports bills one by one, sending `import-progress` events; a refused file leaves the others in. */
  importFiles: (params: ImportFiles) => invoke<Array<FileOutcome>>("import_files", params),
  /** Stops the running import or export; it rolls back. */
  importCancel: () => invoke<null>("import_cancel", {}),
  /** Writes the report, sending `export-progress` events with the trade rows written. */
  reportExport: (params: ReportExport) => invoke<ExportSummary>("report_export", params),
  /** Makes (or finds) the demo database beside the user's and opens it in a window of its own. */
  demoOpen: () => invoke<DemoDatabase>("demo_open", {}),
  /** Connects this computer to a team database and reopens the app on it. */
  teamConnect: (params: TeamConnect) => invoke<TeamConnected>("team_connect", params),
  /** Goes back to this computer's own database file and reopens the app on it. */
  databaseUseLocal: () => invoke<string>("database_use_local", {}),
  /** Works in another plaza of the team database on every connection, and opens in it next time; the screens then read their data again. */
  plazaUse: (params: PlazaRef) => invoke<Plaza>("plaza_use", params),
};

/** Events the backend sends while long work runs. */
export const EVENTS = { importProgress: "import-progress", exportProgress: "export-progress", dbWaiting: "db-waiting", dataChanged: "data-changed" } as const;
