//! Coupon code pools: the codes a mall hands out itself — uploaded to WeChat Pay 商家券 in
//! MERCHANT_UPLOAD mode, printed on vouchers at the service desk, loaded into a tenant's POS —
//! and which of them were used.
//!
//! One pool per coupon. Codes are unique across every pool of the database (a UNIQUE index, so
//! two windows cannot both hand out one code); generation draws from a CSPRNG over an alphabet
//! without look-alikes and ends each code with a check character ([`alphabet`]). A pool is
//! replaced only when the caller says so (`replace`), since printed vouchers may carry the old
//! codes. Imported lists are checked against the coupon's provider rules ([`rules`]), every
//! problem with its line, and written all or nothing.

pub mod alphabet;
mod export;
mod pool;
mod read;
mod rules;
mod usage;

pub use export::{export, upload_batches, CodeExport, ExportFormat, UploadBatch, BATCH_MAX};
pub use pool::{
    generate, get_pool, import_list, list_pools, pool_codes, upload_mode, upload_pools,
    GenerateSpec,
};
pub use rules::{rules_for, CodeRules};
pub use usage::{campaign_figures, import_redemptions, pool_usage, RedemptionColumns};

use serde::Serialize;
use ts_rs::TS;

use crate::coupon::Product;
use crate::problem::{join_localized, Problem};
use crate::text::Localized;

/// How a pool's codes came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PoolSource {
    Generated,
    Imported,
}

/// A coupon's code pool as the screens and `code list` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PoolInfo {
    pub coupon_id: i64,
    pub coupon_name: String,
    pub campaign_id: i64,
    pub campaign_name: String,
    pub product: Product,
    pub source: PoolSource,
    /// Generated pools: the prefix and the whole code's length (prefix and check included).
    pub prefix: String,
    pub length: u32,
    pub codes: u64,
    /// The coupon's quantity: a WeChat upload pool needs at least this many codes.
    pub quantity: u32,
    /// WeChat Pay 商家券 whose codes the mall uploads (`coupon_code_mode` MERCHANT_UPLOAD).
    pub upload_mode: bool,
    /// When the pool was made, RFC 3339 in the mall's zone.
    pub created_at: String,
    /// The first few codes, to recognise the pool by.
    pub sample: Vec<String>,
}

/// One code used twice or more: each use's time and store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RepeatedUse {
    pub code: String,
    pub uses: Vec<CodeUse>,
}

/// One use of a code as the redemption file gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CodeUse {
    pub code: String,
    /// RFC 3339 in the mall's zone.
    pub at: String,
    /// The store as the file names it.
    pub store: String,
    /// The file's name and line, to find the row again.
    pub file: String,
    pub line: u64,
}

/// What happened to a pool's codes: issued, used, unused, used more than once, used outside
/// the coupon's validity, used at a store outside its scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PoolUsage {
    pub coupon_id: i64,
    pub coupon_name: String,
    pub issued: u64,
    /// Codes used at least once.
    pub used: u64,
    pub unused: u64,
    /// All uses, the repeats included.
    pub uses: u64,
    pub repeated: Vec<RepeatedUse>,
    pub outside_validity: Vec<CodeUse>,
    pub outside_stores: Vec<CodeUse>,
}

/// What a redemption import read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RedemptionImport {
    pub file: String,
    pub rows: u64,
    /// Rows whose code is in one of the database's pools.
    pub matched: u64,
    /// Rows whose code no pool has (another campaign's or a typo).
    pub unknown: u64,
    /// The same file again: nothing new was stored.
    pub already_imported: bool,
}

/// Errors of code pools.
#[derive(Debug, thiserror::Error)]
pub enum CodesError {
    #[error("{}", crate::problem::join(.0, crate::text::Lang::En))]
    Invalid(Vec<Problem>),
    #[error("coupon {0} does not exist; it may have been removed — reload the coupon list")]
    CouponNotFound(i64),
    #[error("{} issues its own codes; code pools are for WeChat Pay merchant coupons, Alipay merchant vouchers 2.0 and member-card coupons", .0.name().en)]
    NoCodes(Product),
    #[error("this coupon already has {codes} codes; replacing them voids any printed or uploaded — confirm to replace")]
    PoolExists { codes: u64 },
    #[error("this coupon has no codes yet; generate or import them first")]
    NoPool,
    #[error("cannot read {file}: {reason}")]
    Unreadable {
        file: String,
        reason: String,
        zh: String,
    },
    #[error("cannot write {path}: {reason}")]
    Unwritable { path: String, reason: String },
    #[error("{path} must end in .{extension} for this format")]
    WrongExtension {
        path: String,
        extension: &'static str,
    },
    #[error(transparent)]
    Mall(#[from] crate::mall::MallError),
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Db(#[from] crate::sql::Error),
}

impl CodesError {
    pub fn code(&self) -> &'static str {
        match self {
            CodesError::Invalid(_) => "codes.invalid",
            CodesError::CouponNotFound(_) => "coupon.not_found",
            CodesError::NoCodes(_) => "codes.not_for_product",
            CodesError::PoolExists { .. } => "codes.pool_exists",
            CodesError::NoPool => "codes.no_pool",
            CodesError::Unreadable { .. } => "codes.unreadable",
            CodesError::Unwritable { .. } => "codes.unwritable",
            CodesError::WrongExtension { .. } => "codes.wrong_extension",
            CodesError::Mall(e) => e.code(),
            CodesError::Db(e) => crate::fault::db_code(e),
        }
    }

    pub fn localized(&self) -> Localized {
        let en = self.to_string();
        let zh = match self {
            CodesError::Invalid(problems) => return join_localized(problems),
            CodesError::CouponNotFound(id) => format!("优惠券 {id} 不存在"),
            CodesError::NoCodes(product) => format!(
                "{}由支付机构自行发码；券码池适用于微信支付商家券、支付宝商家券 2.0 和会员卡券",
                product.name().zh
            ),
            CodesError::PoolExists { codes } => {
                format!("该券已有 {codes} 个券码；替换后已印制或已上传的券码将作废，请确认后再替换")
            }
            CodesError::NoPool => "该券还没有券码；请先生成或导入".into(),
            CodesError::Unreadable { file, zh, .. } => format!("无法读取 {file}：{zh}"),
            CodesError::Unwritable { path, .. } => {
                format!("无法写入 {path}：请确认文件夹存在且有写入权限，或换个位置保存")
            }
            CodesError::WrongExtension { path, extension } => {
                format!("{path} 的扩展名须为 .{extension}")
            }
            CodesError::Mall(e) => return e.localized(),
            CodesError::Db(e) => crate::fault::db_message(e, crate::text::Lang::ZhCn),
        };
        Localized::new(en, zh)
    }

    pub fn problems(&self) -> &[Problem] {
        match self {
            CodesError::Invalid(p) => p,
            _ => &[],
        }
    }
}

/// A problem of a file's line, for lists of codes and redemption files.
pub(crate) fn line_problem(line: u64, rule: &str, en: String, zh: String) -> Problem {
    Problem::new(
        "file",
        rule,
        format!("line {line}: {en}"),
        format!("第 {line} 行：{zh}"),
    )
}

#[cfg(test)]
pub(crate) mod tests;
