//! `promodesk code …` and `promodesk print …`: a coupon's code pool, which codes were used, and
//! the printed materials — flags to one `core::api` call each.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use promodesk_core::api::{
    Api, CodeExportFile, CodeGenerate, CodeImport, CodePoolList, CouponCodes, PrintSave,
    RedemptionFile,
};
use promodesk_core::codes::{ExportFormat, PoolInfo, PoolUsage, RedemptionColumns};
use promodesk_core::print::{PrintSpec, Printable};
use promodesk_core::{Error, Lang};

use crate::args::Json;
use crate::output::{self, Out};

#[derive(Debug, Subcommand)]
pub enum CodeCommand {
    /// Generate the coupon's codes (random, no look-alike characters, a check character last).
    Generate {
        #[arg(long)]
        coupon: i64,
        /// How many codes [default: the coupon's quantity].
        #[arg(long)]
        count: Option<u32>,
        /// Letters or digits every code starts with (no 0, 1, O, I, L or U).
        #[arg(long, default_value = "")]
        prefix: String,
        /// The whole code's length, prefix and check character included.
        #[arg(long, default_value_t = 12)]
        length: u32,
        /// Replace the coupon's current codes (printed or uploaded ones stop being valid).
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        json: Json,
    },
    /// Use a list of existing codes (CSV, XLSX or TXT; the first column) as the coupon's pool.
    Import {
        #[arg(long)]
        coupon: i64,
        file: PathBuf,
        /// Replace the coupon's current codes.
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        json: Json,
    },
    /// Write the pool: WeChat Pay upload requests (JSON, ≤ 200 codes each), or CSV/XLSX.
    Export {
        #[arg(long)]
        coupon: i64,
        #[arg(long, value_parser = ["wechat", "csv", "xlsx"])]
        format: String,
        /// .json for wechat, .csv or .xlsx. Replaced only by a complete file.
        #[arg(long)]
        out: PathBuf,
        /// Headers in zh-CN or en [default: the app's language for this database].
        #[arg(long)]
        lang: Option<String>,
        #[command(flatten)]
        json: Json,
    },
    /// The code pools (of one campaign with --campaign), or one coupon's codes with --coupon.
    List {
        #[arg(long)]
        campaign: Option<i64>,
        #[arg(long, conflicts_with = "campaign")]
        coupon: Option<i64>,
        #[command(flatten)]
        json: Json,
    },
    /// Read a redemption export (POS, member system, WeChat's detail) with code, time, store.
    Redemptions {
        file: PathBuf,
        /// Header of the code column [default: 券码, code, 核销码, …].
        #[arg(long)]
        code_column: Option<String>,
        /// Header of the time column [default: 核销时间, 使用时间, time, …].
        #[arg(long)]
        time_column: Option<String>,
        /// Header of the store column [default: 核销门店, 门店, store, …].
        #[arg(long)]
        store_column: Option<String>,
        #[command(flatten)]
        json: Json,
    },
    /// Which of the coupon's codes were used: used, unused, twice or more, out of scope.
    Usage {
        #[arg(long)]
        coupon: i64,
        #[command(flatten)]
        json: Json,
    },
}

impl CodeCommand {
    pub fn label(&self) -> &'static str {
        match self {
            CodeCommand::Generate { .. } => "code generate",
            CodeCommand::Import { .. } => "code import",
            CodeCommand::Export { .. } => "code export",
            CodeCommand::List { .. } => "code list",
            CodeCommand::Redemptions { .. } => "code redemptions",
            CodeCommand::Usage { .. } => "code usage",
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum PrintCommand {
    /// A poster for the offer, with a QR code of the claim link.
    Poster {
        #[command(flatten)]
        common: PrintArgs,
        #[arg(long, value_parser = ["a4", "a3"], default_value = "a4")]
        size: String,
    },
    /// A table tent: one A4 sheet folded into two A5 faces.
    Tent {
        #[command(flatten)]
        common: PrintArgs,
    },
    /// Sheets of vouchers, 10 per A4, each with its code, QR and barcode.
    Vouchers {
        #[command(flatten)]
        common: PrintArgs,
        /// The first code's position in the pool (1 = the first).
        #[arg(long, default_value_t = 1)]
        first: u32,
        /// How many vouchers [default: the pool's codes, at most 5,000].
        #[arg(long)]
        count: Option<u32>,
    },
}

#[derive(Debug, Args)]
pub struct PrintArgs {
    #[arg(long)]
    coupon: i64,
    /// The claim link from the provider's console (https://…); none: no QR code.
    #[arg(long, default_value = "")]
    link: String,
    /// The PDF to write.
    #[arg(long)]
    out: PathBuf,
    /// zh-CN or en [default: the app's language for this database].
    #[arg(long)]
    lang: Option<String>,
    #[command(flatten)]
    json: Json,
}

impl PrintCommand {
    pub fn label(&self) -> &'static str {
        match self {
            PrintCommand::Poster { .. } => "print poster",
            PrintCommand::Tent { .. } => "print tent",
            PrintCommand::Vouchers { .. } => "print vouchers",
        }
    }
}

/// `--lang`, else the language chosen in the app for this database, else the shell's.
fn language(api: &mut Api, tag: Option<&str>) -> Result<Lang, Error> {
    Ok(match tag {
        Some(tag) => Lang::from_locale(tag),
        None => api.chosen_language()?.unwrap_or(output::lang_from_env()),
    })
}

fn pool_line(p: &PoolInfo, lang: Lang) -> String {
    format!(
        "coupon {:<4} {:<22} {:<16} {:>9} codes / {:<9} {}",
        p.coupon_id,
        p.coupon_name,
        p.product.name().get(lang),
        p.codes,
        p.quantity,
        p.sample.first().map_or("", String::as_str)
    )
}

fn usage_text(u: &PoolUsage) -> String {
    let mut out = format!(
        "{}\nissued:  {}\nused:    {}\nunused:  {}\nuses:    {}\n",
        u.coupon_name, u.issued, u.used, u.unused, u.uses
    );
    for r in &u.repeated {
        let uses: Vec<String> = r
            .uses
            .iter()
            .map(|x| format!("{} {}", x.at, x.store))
            .collect();
        out.push_str(&format!(
            "used {}×: {}  {}\n",
            r.uses.len(),
            r.code,
            uses.join("; ")
        ));
    }
    for x in &u.outside_validity {
        out.push_str(&format!(
            "outside validity: {} {} {}\n",
            x.code, x.at, x.store
        ));
    }
    for x in &u.outside_stores {
        out.push_str(&format!(
            "outside stores: {} {} {}\n",
            x.code, x.at, x.store
        ));
    }
    out
}

pub fn run(api: &mut Api, c: &CodeCommand) -> Result<(), Error> {
    match c {
        CodeCommand::Generate {
            coupon,
            count,
            prefix,
            length,
            replace,
            json,
        } => {
            let count = match count {
                Some(n) => *n,
                None => {
                    api.coupon_get(promodesk_core::api::Id { id: *coupon })?
                        .spec
                        .quantity
                }
            };
            let params = CodeGenerate {
                coupon: *coupon,
                count,
                prefix: prefix.clone(),
                length: *length,
                replace: *replace,
            };
            let out = Out::new(json.json);
            out.one(&api.code_generate(params)?, |p| pool_line(p, out.lang));
        }
        CodeCommand::Import {
            coupon,
            file,
            replace,
            json,
        } => {
            let params = CodeImport {
                coupon: *coupon,
                path: file.display().to_string(),
                replace: *replace,
            };
            let out = Out::new(json.json);
            out.one(&api.code_import(params)?, |p| pool_line(p, out.lang));
        }
        CodeCommand::Export {
            coupon,
            format,
            out: path,
            lang,
            json,
        } => {
            let lang = language(api, lang.as_deref())?;
            let params = CodeExportFile {
                coupon: *coupon,
                format: ExportFormat::parse(format).unwrap_or(ExportFormat::Csv),
                path: path.display().to_string(),
                lang,
            };
            let done = api.code_export(params)?;
            Out::new(json.json).one(&done, |d| {
                if d.batches > 0 {
                    format!(
                        "{}: {} codes in {} upload requests",
                        d.path, d.codes, d.batches
                    )
                } else {
                    format!("{}: {} codes", d.path, d.codes)
                }
            });
        }
        CodeCommand::List {
            campaign,
            coupon,
            json,
        } => match coupon {
            Some(coupon) => {
                let codes = api.code_list(CouponCodes { coupon: *coupon })?;
                Out::new(json.json).each(&codes, None, String::clone);
            }
            None => {
                let pools = api.code_pools(CodePoolList {
                    campaign: *campaign,
                })?;
                let out = Out::new(json.json);
                out.each(&pools, Some("no code pools"), |p| pool_line(p, out.lang));
            }
        },
        CodeCommand::Redemptions {
            file,
            code_column,
            time_column,
            store_column,
            json,
        } => {
            let params = RedemptionFile {
                path: file.display().to_string(),
                columns: RedemptionColumns {
                    code: code_column.clone().unwrap_or_default(),
                    time: time_column.clone().unwrap_or_default(),
                    store: store_column.clone().unwrap_or_default(),
                },
            };
            let done = api.code_redemptions_import(params)?;
            Out::new(json.json).one(&done, |d| {
                let again = if d.already_imported {
                    " (imported before; nothing new stored)"
                } else {
                    ""
                };
                format!(
                    "{}: {} uses, {} of codes in a pool, {} unknown{again}",
                    d.file, d.rows, d.matched, d.unknown
                )
            });
        }
        CodeCommand::Usage { coupon, json } => {
            let usage = api.code_usage(CouponCodes { coupon: *coupon })?;
            Out::new(json.json).one(&usage, usage_text);
        }
    }
    Ok(())
}

pub fn run_print(api: &mut Api, c: &PrintCommand) -> Result<(), Error> {
    let (common, printable, first, count) = match c {
        PrintCommand::Poster { common, size } => (
            common,
            if size == "a3" {
                Printable::PosterA3
            } else {
                Printable::PosterA4
            },
            1,
            None,
        ),
        PrintCommand::Tent { common } => (common, Printable::Tent, 1, None),
        PrintCommand::Vouchers {
            common,
            first,
            count,
        } => (common, Printable::Vouchers, *first, *count),
    };
    let lang = language(api, common.lang.as_deref())?;
    let params = PrintSave {
        spec: PrintSpec {
            coupon: common.coupon,
            printable,
            link: common.link.clone(),
            first: first.saturating_sub(1),
            count,
        },
        path: common.out.display().to_string(),
        lang,
    };
    let done = api.print_save(params)?;
    Out::new(common.json.json).one(&done, |d| {
        if d.vouchers > 0 {
            format!("{}: {} vouchers on {} pages", d.path, d.vouchers, d.pages)
        } else {
            format!("{}: {} page(s), {} bytes", d.path, d.pages, d.bytes)
        }
    });
    Ok(())
}
