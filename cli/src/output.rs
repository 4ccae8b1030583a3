//! Printing results: JSON for scripts, aligned text for people.

use promodesk_core::campaign::{BudgetPlan, Campaign, Conflict, StatusChange};
use promodesk_core::money::format_cny;
use promodesk_core::provider::ProviderSettings;
use promodesk_core::store::Store;
use promodesk_core::Lang;
use serde::Serialize;

/// The language of messages: `PROMODESK_LANG`, else `LC_ALL`/`LANG`; English when none is set.
pub fn lang_from_env() -> Lang {
    ["PROMODESK_LANG", "LC_ALL", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .map_or(Lang::En, |v| Lang::from_locale(&v))
}

/// How one command prints its result: the JSON scripts read (`--json`), or text for people in
/// their language. Every command prints through this, so the two never drift apart.
#[derive(Debug, Clone, Copy)]
pub struct Out {
    pub json: bool,
    pub lang: Lang,
}

impl Out {
    pub fn new(json: bool) -> Out {
        Out {
            json,
            lang: lang_from_env(),
        }
    }

    /// One result: its JSON, or `text` of it (nothing when the text is empty).
    pub fn one<T: Serialize + ?Sized>(&self, value: &T, text: impl FnOnce(&T) -> String) {
        if self.json {
            return json(value);
        }
        let text = text(value);
        if !text.is_empty() {
            line(&text);
        }
    }

    /// A list: a JSON array, or one line per item (`none` when it is empty, if given).
    pub fn each<T: Serialize>(&self, items: &[T], none: Option<&str>, text: impl Fn(&T) -> String) {
        if self.json {
            return json(items);
        }
        if items.is_empty() {
            if let Some(none) = none {
                line(none);
            }
        }
        items.iter().for_each(|item| line(&text(item)));
    }
}

/// Prints `value` as pretty JSON.
pub fn json<T: Serialize + ?Sized>(value: &T) {
    // Serialising plain data structs cannot fail.
    line(&serde_json::to_string_pretty(value).expect("serialisable"));
}

/// Prints a line (or several, when `text` has inner newlines) on stdout.
pub fn line(text: &str) {
    use std::io::Write;
    let text = text.strip_suffix('\n').unwrap_or(text);
    // A reader that stops early (`| head`) is not an error worth a panic.
    if let Err(e) = writeln!(std::io::stdout().lock(), "{text}") {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("cannot write the output: {e}");
        std::process::exit(1);
    }
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("-")
}

/// `  3  优衣库  L1  服饰  wechat_pay:1900012301 alipay:BJ_001 unionpay/terminal:T01`
pub fn store_line(s: &Store) -> String {
    let ids: Vec<String> = s
        .merchant_ids
        .iter()
        .map(|a| {
            if a.kind == promodesk_core::store::MerchantIdKind::default_for(a.provider) {
                format!("{}:{}", a.provider.key(), a.merchant_id)
            } else {
                format!("{}/{}:{}", a.provider.key(), a.kind.key(), a.merchant_id)
            }
        })
        .collect();
    format!(
        "{:>4}  {:<24} {:<4} {:<6} {}",
        s.id,
        s.name,
        s.floor,
        s.category,
        if ids.is_empty() {
            "-".to_string()
        } else {
            ids.join(" ")
        }
    )
}

fn day(rfc3339: &str) -> &str {
    rfc3339.get(..10).unwrap_or(rfc3339)
}

pub fn campaign_line(c: &Campaign, lang: Lang) -> String {
    format!(
        "{:>4}  {} → {}  {:<10} {:>14}  {}",
        c.id,
        day(&c.start),
        day(&c.end),
        c.status.name().get(lang),
        format_cny(c.budget),
        c.name
    )
}

pub fn campaign_detail(c: &Campaign, history: &[StatusChange], lang: Lang) -> String {
    let stores = if c.store_ids.is_empty() {
        "whole mall".to_string()
    } else {
        c.store_ids
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = format!(
        "#{} {}\nstatus:   {}\nstart:    {}\nend:      {}\nbudget:   {}\nfestival: {}\nstores:   {}\n",
        c.id,
        c.name,
        c.status.name().get(lang),
        c.start,
        c.end,
        format_cny(c.budget),
        opt(&c.festival),
        stores
    );
    if !c.description.is_empty() {
        out.push_str(&format!("\n{}\n", c.description));
    }
    out.push_str("\nhistory:\n");
    for h in history {
        out.push_str(&format!(
            "  {}  {} → {}  {} {}\n",
            h.at,
            h.from.map_or("-", |s| s.key()),
            h.to.key(),
            h.by,
            h.reason
        ));
    }
    out
}

pub fn provider_line(p: &ProviderSettings, lang: Lang) -> String {
    format!(
        "{:<12} {:<10} fee {:>6}%  T+{}",
        p.provider.key(),
        p.provider.name().get(lang),
        p.fee_rate,
        p.settlement_days
    )
}

pub fn conflict_line(c: &Conflict) -> String {
    let stores = if c.store_ids.is_empty() {
        "whole mall".to_string()
    } else {
        format!(
            "stores {}",
            c.store_ids
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    format!(
        "#{} {} ({} → {}) × #{} {} ({} → {}): overlap {} → {} on {}",
        c.first_id,
        c.first_name,
        day(&c.first_start),
        day(&c.first_end),
        c.second_id,
        c.second_name,
        day(&c.second_start),
        day(&c.second_end),
        day(&c.from),
        day(&c.to),
        stores
    )
}

pub fn budget_plan(p: &BudgetPlan, lang: Lang) -> String {
    let mut out = format!("total:       {}\n", format_cny(p.total));
    for b in &p.by_provider {
        out.push_str(&format!(
            "  {:<10} {}\n",
            b.provider.name().get(lang),
            format_cny(b.amount)
        ));
    }
    out.push_str(&format!(
        "unallocated: {}\ndays:        {}\ndaily pace:  {}\n",
        format_cny(p.unallocated),
        p.days,
        format_cny(p.daily_pace)
    ));
    out
}

pub fn coupon_line(c: &promodesk_core::coupon::Coupon) -> String {
    let s = &c.spec;
    let value = match s.kind {
        promodesk_core::coupon::CouponKind::Fixed => format!("满{}减{}", s.threshold, s.face_value),
        promodesk_core::coupon::CouponKind::Discount => {
            format!("pay {}% cap {}", s.pay_percent, s.cap)
        }
        promodesk_core::coupon::CouponKind::Exchange => {
            format!("{} → {}", s.original_price, s.price)
        }
        promodesk_core::coupon::CouponKind::Gift => format!("gift {}", s.face_value),
        promodesk_core::coupon::CouponKind::Points => format!("points ×{}", s.multiplier),
    };
    format!(
        "{:>4}  campaign {:<3} {:<21} {:<24} {:<22} ×{}",
        c.id,
        c.campaign_id,
        c.product.key(),
        s.name,
        value,
        s.quantity
    )
}
