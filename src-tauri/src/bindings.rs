//! TypeScript types for everything that crosses IPC and the typed client of every command,
//! generated from the Rust side into `ui/src/lib/bindings.ts`. The file is checked in; the test below fails when it is stale and
//! rewrites it when run with `UPDATE_BINDINGS=1` (`make bindings`).

use ts_rs::{Config, TS};

macro_rules! declarations {
    ($cfg:expr; $($ty:ty),* $(,)?) => {
        vec![$(format!("export {}", <$ty as TS>::decl($cfg))),*]
    };
}

/// The whole generated file.
pub fn typescript() -> String {
    use promodesk_core::api;
    use promodesk_core::{
        calendar, campaign, codes, coupon, demo, import, launch, mall, overview, print, provider,
        report, stats, store,
    };
    // Ids and counts stay far below 2^53, so `number` is exact.
    let cfg = &Config::new().with_large_int("number");
    let decls = declarations![cfg;
        promodesk_core::Lang,
        promodesk_core::Localized,
        promodesk_core::Problem,
        api::Failure,
        api::ChangedElsewhere,
        promodesk_core::db::Revision,
        promodesk_core::db::Waiting,
        promodesk_core::db::DataChange,
        promodesk_core::db::Activity,
        promodesk_core::db::ActivityKind,
        api::NoParams,
        api::Id,
        api::CampaignRef,
        api::MallUpdate,
        api::StoreAdd,
        api::StorePatch,
        api::StoreEdit,
        api::MerchantIdAssign,
        api::MerchantIdUnassign,
        api::CampaignList,
        api::CampaignAdd,
        api::CampaignEdit,
        api::CampaignSetStatus,
        api::CampaignConflicts,
        api::FestivalDraft,
        api::CampaignClone,
        api::CampaignSetBudgets,
        api::Year,
        api::ProviderUpdate,
        api::CouponList,
        api::OfferPreview,
        api::OfferAdd,
        api::CouponEdit,
        api::OfferEdit,
        api::ImportFiles,
        api::Batch,
        api::MappingSave,
        api::MappingRemove,
        api::FootfallImport,
        api::FootfallList,
        api::StatsKpis,
        api::StatsGrouped,
        api::ReportPreview,
        api::ReportExport,
        api::ProjectionParams,
        api::AsOfParams,
        api::LanguageSet,
        api::DemoLoad,
        api::BackupRestore,
        api::BackupSetKeep,
        api::AppInfo,
        api::TeamConnect,
        api::TeamConnected,
        calendar::Festival,
        calendar::FestivalKind,
        calendar::FestivalDay,
        demo::DemoSummary,
        mall::Mall,
        mall::MallPatch,
        mall::LogoInfo,
        api::LogoFile,
        store::Store,
        store::StoreInput,
        store::StoreRef,
        store::MerchantIdKind,
        store::MerchantAccount,
        store::Assigned,
        provider::Provider,
        provider::ProviderSettings,
        provider::ProviderSettingsPatch,
        campaign::Campaign,
        campaign::CampaignStatus,
        campaign::CampaignInput,
        campaign::CampaignPatch,
        campaign::CampaignFilter,
        campaign::StatusChange,
        campaign::Conflict,
        campaign::BudgetPlan,
        campaign::ProviderBudget,
        api::CampaignDetail,
        coupon::Product,
        coupon::CouponKind,
        coupon::LimitPeriod,
        coupon::Validity,
        coupon::TimeSlot,
        coupon::Funding,
        coupon::Stacking,
        coupon::CouponSpec,
        coupon::Coupon,
        coupon::OfferCheck,
        api::CodePoolList,
        api::CouponCodes,
        api::CodeGenerate,
        api::CodeImport,
        api::CodeExportFile,
        api::RedemptionFile,
        api::PrintPreviewParams,
        api::PrintSave,
        codes::PoolSource,
        codes::PoolInfo,
        codes::ExportFormat,
        codes::CodeExport,
        codes::RedemptionColumns,
        codes::RedemptionImport,
        codes::CodeUse,
        codes::RepeatedUse,
        codes::PoolUsage,
        print::Printable,
        print::PrintSpec,
        print::OfferText,
        print::PrintPreview,
        print::PrintSummary,
        import::Format,
        import::Totals,
        import::Mismatch,
        import::ImportReport,
        import::BatchSummary,
        import::UnmatchedMerchant,
        import::UnattributedTrade,
        import::Mapping,
        import::MappingColumns,
        stats::Scope,
        stats::GroupBy,
        stats::Kpis,
        stats::GroupKey,
        stats::Group,
        stats::CampaignCost,
        stats::Uplift,
        stats::Baseline,
        stats::FootfallReport,
        stats::FootfallDay,
        coupon::WalletColor,
        promodesk_core::backup::BackupInfo,
        api::Health,
        launch::Checklist,
        launch::CheckItem,
        launch::CheckStatus,
        launch::FixAt,
        launch::Assumption,
        launch::Projection,
        launch::ProjectionLine,
        launch::AsOf,
        launch::AsOfCampaign,
        launch::LiveCoupon,
        launch::SignoffState,
        launch::Signoff,
        promodesk_core::people::Me,
        promodesk_core::people::Role,
        promodesk_core::people::HistoryEntry,
        api::NameSet,
        report::Report,
        report::Answer,
        report::Section,
        report::SectionId,
        report::Cell,
        report::Chart,
        report::ChartKind,
        report::ReportFormat,
        report::ExportSummary,
        api::FootfallOutcome,
        api::FileOutcome,
        api::ImportProgress,
        api::DemoDatabase,
        overview::HomeOverview,
        overview::LiveCampaign,
        overview::UpcomingCheck,
        overview::Unmatched,
        overview::LastResults,
        overview::Deadline,
        overview::DeadlineKind,
        overview::Goto,
        api::PlazaRef,
        api::PlazaCompare,
        api::PlazaCompareExport,
        promodesk_core::team::Plaza,
        promodesk_core::team::PlazaComparison,
        promodesk_core::team::PlazaColumn,
        promodesk_core::team::WalletFigures,
    ];
    format!(
        "// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit: run `make bindings`.\n\nimport {{ invoke }} from \"@tauri-apps/api/core\";\n\n{}\n\n{}\n\n{}",
        decls.join("\n\n"),
        constants(),
        crate::ipc::client::typescript(cfg)
    )
}

/// Values the UI needs at run time, not only as types: the providers in the order screens
/// list them, so no screen keeps its own copy.
fn constants() -> String {
    let ipc_error = "/** What every command rejects with: the same shape as `Failure`. */\nexport type IpcError = Failure;";
    let providers: Vec<String> = promodesk_core::provider::Provider::ALL
        .iter()
        .map(|p| format!("\"{}\"", p.key()))
        .collect();
    let colors: Vec<String> = promodesk_core::provider::Provider::ALL
        .iter()
        .map(|p| format!("{}: \"{}\"", p.key(), p.color()))
        .collect();
    format!(
        "{ipc_error}\n\n/** Every provider, in the order screens list them. */\nexport const PROVIDERS: readonly Provider[] = [{}];\n\n/** Each wallet's colour, the same in every chart, badge and report. */\nexport const PROVIDER_COLORS: Readonly<Record<Provider, string>> = {{ {} }};",
        providers.join(", "),
        colors.join(", ")
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn checked_in_bindings_match_the_rust_types() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("write bindings");
        }
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == fresh,
            "ui/src/lib/bindings.ts is stale: run `make bindings` and commit the result"
        );
    }
}
