//! Printed materials as PDF: posters (A4/A3) and folded table tents (A5 faces) for an offer,
//! with a QR code of the claim link the user pastes from the provider's console; and sheets
//! of single-use vouchers from the coupon's code pool. Chinese text is embedded with the
//! report's CJK font (`report::pdf::fonts`), so the PDF prints the same at any print shop
//! and its text can be searched.
//!
//! Files are written to a temporary file beside the target and renamed over it only when
//! complete.

mod canvas;
mod layouts;
pub mod marks;
mod offer;

pub use offer::{offer_text, OfferText};

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Db;
use crate::problem::Problem;
use crate::text::{Lang, Localized};

/// The most vouchers one PDF holds (500 A4 sheets): a print shop's job, not the whole pool.
pub const MAX_VOUCHERS: u32 = 5000;

/// Which printable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Printable {
    PosterA4,
    PosterA3,
    /// A table tent: an A4 sheet folded into two A5 faces.
    Tent,
    Vouchers,
}

impl Printable {
    pub fn parse(text: &str) -> Option<Printable> {
        match text.trim() {
            "poster" | "poster_a4" | "a4" => Some(Printable::PosterA4),
            "poster_a3" | "a3" => Some(Printable::PosterA3),
            "tent" => Some(Printable::Tent),
            "vouchers" => Some(Printable::Vouchers),
            _ => None,
        }
    }
}

/// What to print.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PrintSpec {
    pub coupon: i64,
    pub printable: Printable,
    /// The claim link from the provider's console (posters and tents); empty: no QR code.
    #[serde(default)]
    pub link: String,
    /// Vouchers: the first code's position in the pool (0 = the first) and how many.
    #[serde(default)]
    pub first: u32,
    #[serde(default)]
    pub count: Option<u32>,
}

/// What a print wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PrintSummary {
    pub path: String,
    pub pages: u32,
    pub bytes: u64,
    /// Vouchers printed (0 for posters and tents).
    pub vouchers: u32,
}

/// The app's preview: the offer's text and the QR code as SVG.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PrintPreview {
    pub offer: OfferText,
    pub qr_svg: Option<String>,
    /// A voucher's code, for the voucher preview (the pool's first code).
    pub sample_code: Option<String>,
}

/// Errors of printing.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("{}", crate::problem::join(.0, crate::text::Lang::En))]
    Invalid(Vec<Problem>),
    #[error("coupon {0} does not exist; it may have been removed — reload the coupon list")]
    CouponNotFound(i64),
    #[error("the link is {0} characters long, too long for a QR code a phone reads from a poster; shorten it")]
    QrTooLong(usize),
    #[error("the code '{0}' cannot be drawn as a Code 128 barcode")]
    Barcode(String),
    #[error(
        "no Chinese font found for the PDF; install fonts-noto-cjk (or set PROMODESK_PDF_FONT)"
    )]
    NoCjkFont,
    #[error("writing the PDF failed: {0}")]
    Write(String),
    #[error("cannot write {path}: {reason}")]
    Unwritable { path: String, reason: String },
    #[error("{path} must end in .pdf")]
    WrongExtension { path: String },
    #[error(transparent)]
    Codes(#[from] crate::codes::CodesError),
    #[error(transparent)]
    Mall(#[from] crate::mall::MallError),
    #[error(transparent)]
    Campaign(#[from] crate::campaign::CampaignError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

impl PrintError {
    pub fn code(&self) -> &'static str {
        match self {
            PrintError::Invalid(_) => "print.invalid",
            PrintError::CouponNotFound(_) => "coupon.not_found",
            PrintError::QrTooLong(_) => "print.link_too_long",
            PrintError::Barcode(_) => "print.barcode",
            PrintError::NoCjkFont => "report.no_cjk_font",
            PrintError::Write(_) => "print.write",
            PrintError::Unwritable { .. } => "print.unwritable",
            PrintError::WrongExtension { .. } => "print.wrong_extension",
            PrintError::Codes(e) => e.code(),
            PrintError::Mall(e) => e.code(),
            PrintError::Campaign(e) => e.code(),
            PrintError::Store(e) => e.code(),
        }
    }

    pub fn localized(&self) -> Localized {
        let zh = match self {
            PrintError::Invalid(p) => return crate::problem::join_localized(p),
            PrintError::CouponNotFound(id) => format!("优惠券 {id} 不存在"),
            PrintError::QrTooLong(n) => {
                format!("链接有 {n} 个字符，太长，海报上的二维码手机难以识别；请缩短链接")
            }
            PrintError::Barcode(code) => format!("券码“{code}”无法生成条形码"),
            PrintError::NoCjkFont => {
                "找不到用于 PDF 的中文字体；请安装 fonts-noto-cjk（或设置 PROMODESK_PDF_FONT）"
                    .into()
            }
            PrintError::Write(_) => "生成 PDF 失败；请重试，或换个位置保存".into(),
            PrintError::Unwritable { path, .. } => {
                format!("无法写入 {path}：请确认文件夹存在且有写入权限，或换个位置保存")
            }
            PrintError::WrongExtension { path } => format!("{path} 的扩展名须为 .pdf"),
            PrintError::Codes(e) => return e.localized(),
            PrintError::Mall(e) => return e.localized(),
            PrintError::Campaign(e) => return e.localized(),
            PrintError::Store(e) => return e.localized(),
        };
        Localized::new(self.to_string(), zh)
    }

    pub fn problems(&self) -> &[Problem] {
        match self {
            PrintError::Invalid(p) => p,
            PrintError::Codes(e) => e.problems(),
            _ => &[],
        }
    }
}

/// The claim link, checked: empty (no QR code) or a web address a phone opens.
fn link(text: &str) -> Result<Option<&str>, PrintError> {
    let link = text.trim();
    if link.is_empty() {
        return Ok(None);
    }
    if !(link.starts_with("https://") || link.starts_with("http://"))
        || link.contains(char::is_whitespace)
    {
        return Err(PrintError::Invalid(vec![Problem::new(
            "link",
            "print.link",
            "paste the claim link as the provider's console shows it, starting with https://",
            "请粘贴支付机构后台给出的领券链接（完整网址）",
        )]));
    }
    Ok(Some(link))
}

fn fonts() -> Result<
    (
        crate::report::pdf::fonts::FontFace,
        crate::report::pdf::fonts::FontFace,
    ),
    PrintError,
> {
    crate::report::pdf::fonts::find().map_err(|_| PrintError::NoCjkFont)
}

/// The pages of `spec`, and how many vouchers they hold.
fn pages(db: &Db, spec: &PrintSpec, lang: Lang) -> Result<(Vec<canvas::Page>, u32), PrintError> {
    let offer = offer_text(db, spec.coupon, lang)?;
    let (regular, bold) = fonts()?;
    let link = link(&spec.link)?;
    Ok(match spec.printable {
        Printable::PosterA4 => (
            vec![layouts::poster(&offer, link, layouts::A4, &regular, &bold)?],
            0,
        ),
        Printable::PosterA3 => (
            vec![layouts::poster(&offer, link, layouts::A3, &regular, &bold)?],
            0,
        ),
        Printable::Tent => (vec![layouts::tent(&offer, link, lang, &regular, &bold)?], 0),
        Printable::Vouchers => {
            let codes = crate::codes::pool_codes(db, spec.coupon)?;
            let count = spec.count.unwrap_or(MAX_VOUCHERS.min(codes.len() as u32));
            if count == 0 || count > MAX_VOUCHERS || spec.first as usize >= codes.len() {
                return Err(PrintError::Invalid(vec![Problem::new(
                    "count",
                    "print.voucher_count",
                    format!("print between 1 and {MAX_VOUCHERS} vouchers, starting within the pool's {} codes", codes.len()),
                    format!("每次可打印 1 到 {MAX_VOUCHERS} 张，起始位置须在券码池的 {} 个券码之内", codes.len()),
                )]));
            }
            let end = (spec.first as usize + count as usize).min(codes.len());
            let chosen = &codes[spec.first as usize..end];
            (
                layouts::vouchers(&offer, chosen, lang, &regular, &bold)?,
                chosen.len() as u32,
            )
        }
    })
}

/// The app's preview of `spec`: the text and the QR code the PDF will carry.
pub fn preview(db: &Db, spec: &PrintSpec, lang: Lang) -> Result<PrintPreview, PrintError> {
    let offer = offer_text(db, spec.coupon, lang)?;
    let sample_code = crate::codes::pool_codes(db, spec.coupon)
        .ok()
        .and_then(|c| c.into_iter().next());
    let qr_svg = match (spec.printable, link(&spec.link)?) {
        (Printable::Vouchers, _) => sample_code.as_deref().map(marks::qr_svg).transpose()?,
        (_, Some(link)) => Some(marks::qr_svg(link)?),
        (_, None) => None,
    };
    Ok(PrintPreview {
        offer,
        qr_svg,
        sample_code,
    })
}

/// The PDF's bytes.
pub fn render(db: &Db, spec: &PrintSpec, lang: Lang) -> Result<(Vec<u8>, u32, u32), PrintError> {
    let (pages, vouchers) = pages(db, spec, lang)?;
    let (regular, bold) = fonts()?;
    let bytes = canvas::render(&pages, &regular, &bold)?;
    Ok((bytes, pages.len() as u32, vouchers))
}

/// Writes the printable to `out` (a .pdf), replacing it only with a complete file.
pub fn write(
    db: &Db,
    spec: &PrintSpec,
    lang: Lang,
    out: &Path,
) -> Result<PrintSummary, PrintError> {
    let shown = out.display().to_string();
    if !out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        return Err(PrintError::WrongExtension { path: shown });
    }
    let (bytes, pages, vouchers) = render(db, spec, lang)?;
    let unwritable = |reason: String| PrintError::Unwritable {
        path: shown.clone(),
        reason,
    };
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".promodesk-print-")
        .suffix(".pdf")
        .tempfile_in(&dir)
        .map_err(|e| unwritable(e.to_string()))?;
    std::io::Write::write_all(&mut temp, &bytes).map_err(|e| unwritable(e.to_string()))?;
    temp.persist(out)
        .map_err(|e| unwritable(e.error.to_string()))?;
    Ok(PrintSummary {
        path: shown,
        pages,
        bytes: bytes.len() as u64,
        vouchers,
    })
}

#[cfg(test)]
mod tests;
