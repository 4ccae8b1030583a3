//! What to type next. Core's messages say what to do in words that fit both fronts; the CLI
//! adds the flag or command that does it, keyed by the error's stable code.

use promodesk_core::Lang;

/// The command-line way to act on an error with `code`, if there is one.
fn hint(code: &str, lang: Lang) -> Option<&'static str> {
    let (en, zh) = match code {
        "campaign.not_found" => ("list campaigns with `promodesk campaign list`", "用 `promodesk campaign list` 查看活动"),
        "coupon.not_found" => ("list coupons with `promodesk coupon list`", "用 `promodesk coupon list` 查看优惠券"),
        "store.not_found" => ("list stores with `promodesk store list`", "用 `promodesk store list` 查看门店"),
        "backup.not_found" => ("list them with `promodesk backup list`", "用 `promodesk backup list` 查看备份"),
        "import.batch_not_found" => ("see `promodesk import history`", "见 `promodesk import history`"),
        "import.mapping_not_found" | "import.mapping_required" => (
            "pass --mapping NAME; see `promodesk import mapping list` and `promodesk import mapping add`",
            "请使用 --mapping NAME；见 `promodesk import mapping list` 与 `promodesk import mapping add`",
        ),
        "import.unknown_format" => ("or choose the format with --format", "或用 --format 指定格式"),
        "import.mismatch" => ("import with --accept-mismatch to keep it anyway", "如仍要导入请使用 --accept-mismatch"),
        "demo.not_empty" => ("use --force to replace everything", "使用 --force 可清空后载入"),
        "db.no_data_dir" => ("pass --db PATH or set PROMODESK_DB", "请使用 --db PATH 或设置 PROMODESK_DB"),
        "calendar.unknown_festival" | "campaign.festival_unknown" => (
            "see `promodesk festival list` for the ids",
            "可用的节日见 `promodesk festival list`",
        ),
        "campaign.changed_elsewhere" => (
            "see it with `promodesk campaign show`; without --revision your change replaces theirs",
            "用 `promodesk campaign show` 查看；不带 --revision 则以你的修改覆盖",
        ),
        "coupon.changed_elsewhere" => (
            "see it with `promodesk coupon show`; without --revision your change replaces theirs",
            "用 `promodesk coupon show` 查看；不带 --revision 则以你的修改覆盖",
        ),
        "campaign.store_unknown" => ("see `promodesk store list`", "见 `promodesk store list`"),
        "report.disk_full" => ("pass another place with --out", "用 --out 指定其他位置"),
        "codes.pool_exists" => ("add --replace to replace them", "如确认替换请加 --replace"),
        "codes.no_pool" => (
            "use `promodesk code generate` or `promodesk code import`",
            "请使用 `promodesk code generate` 或 `promodesk code import`",
        ),
        "team.no_such_plaza" => ("list them with `promodesk team plazas`", "用 `promodesk team plazas` 查看可用的广场"),
        "team.plaza_not_empty" => (
            "name a new plaza with --plaza NAME",
            "请用 --plaza NAME 指定一个新广场",
        ),
        _ => return None,
    };
    Some(if lang == Lang::ZhCn { zh } else { en })
}

/// `message` with the command-line hint for `code` after it.
pub fn with_hint(code: &str, message: &str, lang: Lang) -> String {
    match hint(code, lang) {
        Some(h) if lang == Lang::ZhCn => format!("{message}（{h}）"),
        Some(h) => format!("{message} ({h})"),
        None => message.to_string(),
    }
}

/// The error's message and the hint for it, or for each refused field's rule.
pub fn error_text(err: &promodesk_core::Error, lang: Lang) -> String {
    let message = err.localized().get(lang).to_string();
    let rules: Vec<&str> = err.problems().iter().map(|p| p.rule.as_str()).collect();
    match rules.iter().find(|rule| hint(rule, lang).is_some()) {
        Some(rule) => with_hint(rule, &message, lang),
        None => with_hint(err.code(), &message, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hint_names_the_flag_in_the_users_language() {
        assert_eq!(
            with_hint("demo.not_empty", "already full", Lang::En),
            "already full (use --force to replace everything)"
        );
        assert!(with_hint("demo.not_empty", "已有数据", Lang::ZhCn)
            .ends_with("（使用 --force 可清空后载入）"));
        assert_eq!(with_hint("campaign.invalid", "bad", Lang::En), "bad");
    }
}
