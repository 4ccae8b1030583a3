//! Every command the UI may call. Each plain command runs `core::api`'s function of the same
//! name on a database worker — a `read` one on a read connection, a `write` one on the writer;
//! the doc comment of each reaches the TypeScript client. A read that tried to write would fail
//! on its read-only connection (`tests/ipc.rs` calls every read on a demo database).

use promodesk_core::api::*;
use promodesk_core::backup::BackupInfo;
use promodesk_core::calendar::{Festival, FestivalDay};
use promodesk_core::campaign::{BudgetPlan, Campaign, CampaignInput, Conflict};
use promodesk_core::codes::{CodeExport, PoolInfo, PoolUsage, RedemptionImport};
use promodesk_core::coupon::{Coupon, CouponSpec, OfferCheck, WalletColor};
use promodesk_core::demo::DemoSummary;
use promodesk_core::import::{BatchSummary, Mapping, UnattributedTrade, UnmatchedMerchant};
use promodesk_core::launch::{AsOf, Assumption, Checklist, Projection, SignoffState};
use promodesk_core::mall::{LogoInfo, Mall};
use promodesk_core::overview::HomeOverview;
use promodesk_core::people::{HistoryEntry, Me};
use promodesk_core::print::{PrintPreview, PrintSummary};
use promodesk_core::provider::ProviderSettings;
use promodesk_core::report::{ExportSummary, Report};
use promodesk_core::stats::{CampaignCost, FootfallDay, Group, Kpis, Uplift};
use promodesk_core::store::{Assigned, Store, StoreRef};
use promodesk_core::team::{Plaza, PlazaComparison};

use super::commands;

commands! {
    read {
        festival_list(NoParams) -> Vec<Festival>;
        /// The festival days of one year, for the calendar.
        festival_days(Year) -> Vec<FestivalDay>;
        mall_get(NoParams) -> Mall;
        /// The mall's logo on its reports, to show in Settings.
        mall_logo_get(NoParams) -> Option<LogoInfo>;
        store_list(NoParams) -> Vec<Store>;
        campaign_list(CampaignList) -> Vec<Campaign>;
        /// Everything the campaign page shows about one campaign.
        campaign_get(Id) -> CampaignDetail;
        campaign_conflicts(CampaignConflicts) -> Vec<Conflict>;
        /// A new campaign's fields for a festival's days, to edit before saving.
        campaign_draft_for_festival(FestivalDraft) -> CampaignInput;
        coupon_list(CouponList) -> Vec<Coupon>;
        /// A new offer's fields, valid through the campaign.
        coupon_blank(CampaignRef) -> CouponSpec;
        /// Checks an offer as it is typed, without saving it.
        coupon_preview(OfferPreview) -> OfferCheck;
        /// The provider payload, pretty-printed for the user to copy.
        coupon_export_spec(Id) -> String;
        /// WeChat's card colours, for the colour picker and the wallet preview.
        coupon_wallet_colors(NoParams) -> Vec<WalletColor>;
        /// The coupons' code pools (of one campaign).
        code_pools(CodePoolList) -> Vec<PoolInfo>;
        /// Writes a pool for WeChat Pay's upload, a POS or a print shop.
        code_export(CodeExportFile) -> CodeExport;
        /// Which of a pool's codes were used, twice, out of validity or out of scope.
        code_usage(CouponCodes) -> PoolUsage;
        /// Every code pool of a campaign with its use, for the campaign's statistics.
        code_campaign_usage(CampaignRef) -> Vec<PoolUsage>;
        /// The offer's printed text and QR code, to preview before saving.
        print_preview(PrintPreviewParams) -> PrintPreview;
        /// Writes a poster, table tent or voucher sheets as PDF.
        print_save(PrintSave) -> PrintSummary;
        import_history(NoParams) -> Vec<BatchSummary>;
        import_unmatched(NoParams) -> Vec<UnmatchedMerchant>;
        import_unattributed(NoParams) -> Vec<UnattributedTrade>;
        import_mappings(NoParams) -> Vec<Mapping>;
        footfall_list(FootfallList) -> Vec<FootfallDay>;
        stats_kpis(StatsKpis) -> Kpis;
        stats_grouped(StatsGrouped) -> Vec<Group>;
        stats_campaign_cost(CampaignRef) -> CampaignCost;
        stats_uplift(CampaignRef) -> Uplift;
        /// The report in one language, as the Reports screen previews it.
        report_preview(ReportPreview) -> Report;
        launch_check(CampaignRef) -> Checklist;
        projection_defaults(CampaignRef) -> Vec<Assumption>;
        projection(ProjectionParams) -> Projection;
        as_of(AsOfParams) -> AsOf;
        /// The integrity check and the daily backup, run once after start.
        db_health(NoParams) -> Health;
        backup_list(NoParams) -> Vec<BackupInfo>;
        backup_create(NoParams) -> BackupInfo;
        backup_keep(NoParams) -> u32;
        provider_list(NoParams) -> Vec<ProviderSettings>;
        /// Who is connected: login, chosen name, PromoDesk roles.
        people_me(NoParams) -> Me;
        /// Every change to a campaign, its coupons, stores, status and sign-offs, newest first.
        campaign_history(CampaignRef) -> Vec<HistoryEntry>;
        /// Whether the launch checklist is signed off as it stands, by whom, what changed since.
        launch_signoff_state(CampaignRef) -> SignoffState;
        /// The plazas of the team database this person may use, the open one marked.
        plaza_list(NoParams) -> Vec<Plaza>;
        /// One campaign (by name) side by side in every plaza this person may use.
        stats_compare_plazas(PlazaCompare) -> PlazaComparison;
        /// Writes that comparison as CSV to the file chosen in the save dialog.
        stats_compare_plazas_export(PlazaCompareExport) -> String;
    }
    write {
        /// Saves the language chosen in Settings.
        set_language(LanguageSet) -> ();
        /// Loads the demo stores and campaigns into an empty database.
        demo_load(DemoLoad) -> DemoSummary;
        mall_update(MallUpdate) -> Mall;
        /// Checks the image and keeps it as the mall's logo on its reports.
        mall_logo_set(LogoFile) -> LogoInfo;
        mall_logo_clear(NoParams) -> ();
        store_add(StoreAdd) -> Store;
        store_edit(StoreEdit) -> Store;
        store_remove(Id) -> ();
        /// Gives a store a merchant id: the Stores screen's "add id" and the Import screen's
        /// mapping of an unmatched merchant.
        store_assign_merchant_id(MerchantIdAssign) -> Assigned;
        store_unassign_merchant_id(MerchantIdUnassign) -> StoreRef;
        campaign_add(CampaignAdd) -> Campaign;
        campaign_edit(CampaignEdit) -> Campaign;
        campaign_set_status(CampaignSetStatus) -> Campaign;
        campaign_remove(Id) -> ();
        campaign_clone(CampaignClone) -> Campaign;
        campaign_set_budgets(CampaignSetBudgets) -> BudgetPlan;
        coupon_add_offer(OfferAdd) -> Vec<Coupon>;
        coupon_edit(CouponEdit) -> Coupon;
        coupon_edit_offer(OfferEdit) -> Vec<Coupon>;
        coupon_remove(Id) -> ();
        /// Generates a coupon's codes; `replace` is the user's confirmation.
        code_generate(CodeGenerate) -> PoolInfo;
        /// Imports a list of existing codes as a coupon's pool.
        code_import(CodeImport) -> PoolInfo;
        /// Reads a redemption export (code, time, store).
        code_redemptions_import(RedemptionFile) -> RedemptionImport;
        /// Removes a batch's trades; answers how many.
        import_undo(Batch) -> u64;
        import_save_mapping(MappingSave) -> Mapping;
        import_remove_mapping(MappingRemove) -> ();
        footfall_import(FootfallImport) -> Vec<FootfallOutcome>;
        /// Schedules the campaign as the operating system's user, so the history says who.
        launch_campaign(CampaignRef) -> Campaign;
        /// The approver signs the launch checklist as it stands now.
        launch_sign_off(CampaignRef) -> SignoffState;
        /// The name the history shows for the connected person.
        people_set_name(NameSet) -> Me;
        backup_restore(BackupRestore) -> BackupInfo;
        backup_set_keep(BackupSetKeep) -> ();
        provider_update(ProviderUpdate) -> ProviderSettings;
    }
    special {
        /// What the UI needs before the first screen; answers even when the database would
        /// not open.
        app_info(NoParams) -> AppInfo;
        /// The home screen: what is live, deadlines, launch checks, unmatched merchant ids,
        /// the last campaign's results (the first time, read while the window was made).
        home_overview(NoParams) -> HomeOverview;
        /// Imports bills one by one, sending `import-progress` events; a refused file leaves
        /// the others in.
        import_files(ImportFiles) -> Vec<FileOutcome>;
        /// Stops the running import or export; it rolls back.
        import_cancel(NoParams) -> ();
        /// Writes the report, sending `export-progress` events with the trade rows written.
        report_export(ReportExport) -> ExportSummary;
        /// Makes (or finds) the demo database beside the user's and opens it in a window of
        /// its own.
        demo_open(NoParams) -> DemoDatabase;
        /// Connects this computer to a team database and reopens the app on it.
        team_connect(TeamConnect) -> TeamConnected;
        /// Goes back to this computer's own database file and reopens the app on it.
        database_use_local(NoParams) -> String;
        /// Works in another plaza of the team database on every connection, and opens in it
        /// next time; the screens then read their data again.
        plaza_use(PlazaRef) -> Plaza;
    }
}
