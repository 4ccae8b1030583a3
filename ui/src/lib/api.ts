// Typed calls to the Rust commands. Argument and result types come from bindings.ts, which is
// generated from the Rust types; nothing here redeclares a model.

import { invoke } from "@tauri-apps/api/core";
import type {
  AppInfo,
  CampaignCost,
  BackupInfo,
  Health,
  AsOf,
  Assumption,
  Checklist,
  Projection,
  WalletColor,
  ExportSummary,
  Report,
  ReportFormat,
  FootfallDay,
  FootfallOutcome,
  Uplift,
  BatchSummary,
  FileOutcome,
  Group,
  GroupBy,
  Kpis,
  Scope,
  Mapping,
  UnattributedTrade,
  UnmatchedMerchant,
  Coupon,
  CouponSpec,
  OfferCheck,
  Product,
  BudgetPlan,
  Conflict,
  FestivalDay,
  Campaign,
  CampaignDetail,
  CampaignFilter,
  CampaignInput,
  CampaignPatch,
  CampaignStatus,
  DemoSummary,
  Festival,
  IpcError,
  Lang,
  Mall,
  MallPatch,
  Provider,
  ProviderSettings,
  ProviderSettingsPatch,
  Store,
  StoreInput,
  StoreRef,
  MerchantAccount,
  Assigned,
} from "./bindings";

/** Whether a rejection is one of ours (`{code, message, problems}`). */
export function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Any rejection as an IpcError, so screens handle one shape. */
export function asIpcError(e: unknown): IpcError {
  if (isIpcError(e)) return e;
  const text = String(e);
  return { code: "app.internal", message: { en: text, zh: text }, problems: [], id: "" };
}

export const api = {
  appInfo: () => invoke<AppInfo>("app_info"),
  setLanguage: (lang: Lang) => invoke<null>("set_language", { lang }),
  demoLoad: () => invoke<DemoSummary>("demo_load"),
  festivals: () => invoke<Festival[]>("festival_list"),
  mall: () => invoke<Mall>("mall_get"),
  updateMall: (patch: MallPatch) => invoke<Mall>("mall_update", { patch }),
  stores: () => invoke<Store[]>("store_list"),
  addStore: (input: StoreInput) => invoke<Store>("store_add", { input }),
  editStore: (id: number, input: StoreInput) => invoke<Store>("store_edit", { id, input }),
  removeStore: (id: number) => invoke<null>("store_remove", { id }),
  /** Gives a store one merchant id; `allowMove` takes it from the store holding it. */
  assignMerchantId: (store: number, account: MerchantAccount, allowMove: boolean) =>
    invoke<Assigned>("store_assign_merchant_id", { store, account, allowMove }),
  unassignMerchantId: (provider: Provider, merchantId: string) =>
    invoke<StoreRef>("store_unassign_merchant_id", { provider, merchantId }),
  campaigns: (filter: CampaignFilter) => invoke<Campaign[]>("campaign_list", { filter }),
  campaign: (id: number) => invoke<CampaignDetail>("campaign_get", { id }),
  addCampaign: (input: CampaignInput) => invoke<Campaign>("campaign_add", { input }),
  editCampaign: (id: number, patch: CampaignPatch) =>
    invoke<Campaign>("campaign_edit", { id, patch }),
  setCampaignStatus: (id: number, status: CampaignStatus, reason: string) =>
    invoke<Campaign>("campaign_set_status", { id, status, reason }),
  removeCampaign: (id: number) => invoke<null>("campaign_remove", { id }),
  conflicts: () => invoke<Conflict[]>("campaign_conflicts"),
  festivalDays: (year: number) => invoke<FestivalDay[]>("festival_days", { year }),
  draftForFestival: (festival: string, year: number) =>
    invoke<CampaignInput>("campaign_draft_for_festival", { festival, year }),
  cloneCampaign: (id: number, year: number) => invoke<Campaign>("campaign_clone", { id, year }),
  setBudgets: (id: number, amounts: [Provider, string][]) =>
    invoke<BudgetPlan>("campaign_set_budgets", { id, amounts }),
  coupons: (campaign: number) => invoke<Coupon[]>("coupon_list", { campaign }),
  previewOffer: (campaign: number, products: Product[], spec: CouponSpec, replacing: number | null) =>
    invoke<OfferCheck>("coupon_preview", { campaign, products, spec, replacing }),
  addOffer: (campaign: number, products: Product[], spec: CouponSpec) =>
    invoke<Coupon[]>("coupon_add_offer", { campaign, products, spec }),
  editCoupon: (id: number, spec: CouponSpec) => invoke<Coupon>("coupon_edit", { id, spec }),
  editOffer: (offer: number, spec: CouponSpec) => invoke<Coupon[]>("coupon_edit_offer", { offer, spec }),
  removeCoupon: (id: number) => invoke<null>("coupon_remove", { id }),
  exportSpec: (id: number) => invoke<string>("coupon_export_spec", { id }),
  importFiles: (paths: string[], acceptMismatch: boolean, mapping: string | null) =>
    invoke<FileOutcome[]>("import_files", { paths, acceptMismatch, mapping }),
  importMappings: () => invoke<Mapping[]>("import_mappings"),
  saveMapping: (mapping: Mapping) => invoke<Mapping>("import_save_mapping", { mapping }),
  importCancel: () => invoke<null>("import_cancel"),
  importHistory: () => invoke<BatchSummary[]>("import_history"),
  importUndo: (batch: number) => invoke<number>("import_undo", { batch }),
  importUnmatched: () => invoke<UnmatchedMerchant[]>("import_unmatched"),
  importUnattributed: () => invoke<UnattributedTrade[]>("import_unattributed"),
  kpis: (scope: Scope) => invoke<Kpis>("stats_kpis", { scope }),
  grouped: (scope: Scope, by: GroupBy) => invoke<Group[]>("stats_grouped", { scope, by }),
  campaignCost: (campaign: number) => invoke<CampaignCost>("stats_campaign_cost", { campaign }),
  uplift: (campaign: number) => invoke<Uplift>("stats_uplift", { campaign }),
  footfallImport: (paths: string[]) => invoke<FootfallOutcome[]>("footfall_import", { paths }),
  footfallList: (scope: Scope) => invoke<FootfallDay[]>("footfall_list", { scope }),
  launchCheck: (campaign: number) => invoke<Checklist>("launch_check", { campaign }),
  launchCampaign: (campaign: number) => invoke<Campaign>("launch_campaign", { campaign }),
  projectionDefaults: (campaign: number) => invoke<Assumption[]>("projection_defaults", { campaign }),
  projection: (campaign: number, assumptions: Assumption[]) =>
    invoke<Projection>("projection", { campaign, assumptions }),
  asOf: (when: string) => invoke<AsOf>("as_of", { when }),
  dbHealth: () => invoke<Health>("db_health"),
  backups: () => invoke<BackupInfo[]>("backup_list"),
  backupCreate: () => invoke<BackupInfo>("backup_create"),
  backupRestore: (file: string) => invoke<BackupInfo>("backup_restore", { file }),
  backupKeep: () => invoke<number>("backup_keep"),
  backupSetKeep: (count: number) => invoke<null>("backup_set_keep", { count }),
  walletColors: () => invoke<WalletColor[]>("coupon_wallet_colors"),
  reportPreview: (campaign: number, lang: Lang) => invoke<Report>("report_preview", { campaign, lang }),
  reportExport: (campaign: number, format: ReportFormat, path: string, lang: Lang) =>
    invoke<ExportSummary>("report_export", { campaign, format, path, lang }),
  providers: () => invoke<ProviderSettings[]>("provider_list"),
  updateProvider: (provider: Provider, patch: ProviderSettingsPatch) =>
    invoke<ProviderSettings>("provider_update", { provider, patch }),
};

/** Problems of an error keyed by field, for inline messages. */
export function problemsByField(err: IpcError | null): Map<string, IpcError["problems"]> {
  const map = new Map<string, IpcError["problems"]>();
  for (const p of err?.problems ?? []) {
    map.set(p.field, [...(map.get(p.field) ?? []), p]);
  }
  return map;
}
