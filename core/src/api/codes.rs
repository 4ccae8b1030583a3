//! Coupon codes and printed materials: a coupon's code pool (generate, import, export, list),
//! the redemption files that say which codes were used, and posters, table tents and voucher
//! sheets as PDF.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Api;
use crate::codes::{
    self, CodeExport, ExportFormat, GenerateSpec, PoolInfo, PoolUsage, RedemptionColumns,
    RedemptionImport,
};
use crate::print::{self, PrintPreview, PrintSpec, PrintSummary};
use crate::{Error, Lang};

#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CodePoolList {
    /// Only this campaign's pools; all when absent.
    #[ts(optional)]
    pub campaign: Option<i64>,
}

/// The params of an action on one coupon's codes.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CouponCodes {
    pub coupon: i64,
}

/// Generates a pool; `replace` is the user's confirmation that the current codes go.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CodeGenerate {
    pub coupon: i64,
    pub count: u32,
    #[serde(default)]
    pub prefix: String,
    pub length: u32,
    #[serde(default)]
    pub replace: bool,
}

/// Imports a list of codes (CSV, XLSX or TXT; the first column) as the coupon's pool.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CodeImport {
    pub coupon: i64,
    pub path: String,
    #[serde(default)]
    pub replace: bool,
}

/// Writes the pool for WeChat's upload, a POS or a print shop.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CodeExportFile {
    pub coupon: i64,
    pub format: ExportFormat,
    pub path: String,
    pub lang: Lang,
}

/// A redemption export to read, with its column headers when they are not the usual ones.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RedemptionFile {
    pub path: String,
    #[serde(default)]
    pub columns: RedemptionColumns,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PrintPreviewParams {
    pub spec: PrintSpec,
    pub lang: Lang,
}

/// Writes a printable to `path` (a .pdf), replaced only by a complete file.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PrintSave {
    pub spec: PrintSpec,
    pub path: String,
    pub lang: Lang,
}

impl Api<'_> {
    pub fn code_pools(&mut self, p: CodePoolList) -> Result<Vec<PoolInfo>, Error> {
        Ok(codes::list_pools(self.db, p.campaign)?)
    }

    pub fn code_generate(&mut self, p: CodeGenerate) -> Result<PoolInfo, Error> {
        let spec = GenerateSpec {
            count: p.count,
            prefix: p.prefix,
            length: p.length,
        };
        Ok(codes::generate(self.db, p.coupon, &spec, p.replace)?)
    }

    pub fn code_import(&mut self, p: CodeImport) -> Result<PoolInfo, Error> {
        Ok(codes::import_list(
            self.db,
            p.coupon,
            std::path::Path::new(&p.path),
            p.replace,
        )?)
    }

    pub fn code_export(&mut self, p: CodeExportFile) -> Result<CodeExport, Error> {
        Ok(codes::export(
            self.db,
            p.coupon,
            p.format,
            p.lang,
            std::path::Path::new(&p.path),
        )?)
    }

    /// Every code of the pool, in the order they were made (the CLI's `code list --codes`).
    pub fn code_list(&mut self, p: CouponCodes) -> Result<Vec<String>, Error> {
        Ok(codes::pool_codes(self.db, p.coupon)?)
    }

    pub fn code_redemptions_import(
        &mut self,
        p: RedemptionFile,
    ) -> Result<RedemptionImport, Error> {
        Ok(codes::import_redemptions(
            self.db,
            std::path::Path::new(&p.path),
            &p.columns,
        )?)
    }

    pub fn code_usage(&mut self, p: CouponCodes) -> Result<PoolUsage, Error> {
        Ok(codes::pool_usage(self.db, p.coupon)?)
    }

    pub fn code_campaign_usage(&mut self, p: super::CampaignRef) -> Result<Vec<PoolUsage>, Error> {
        Ok(codes::campaign_figures(self.db, p.campaign)?)
    }

    pub fn print_preview(&mut self, p: PrintPreviewParams) -> Result<PrintPreview, Error> {
        Ok(print::preview(self.db, &p.spec, p.lang)?)
    }

    pub fn print_save(&mut self, p: PrintSave) -> Result<PrintSummary, Error> {
        Ok(print::write(
            self.db,
            &p.spec,
            p.lang,
            std::path::Path::new(&p.path),
        )?)
    }
}
