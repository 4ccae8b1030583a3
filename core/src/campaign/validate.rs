//! Turning what a person typed into a campaign the store accepts, or into every reason it can't.

use crate::sql::{Connection, OptionalExtension};
use chrono_tz::Tz;

use super::CampaignInput;
use crate::calendar::festival_by_id;
use crate::money::{check_amount, parse_yuan};
use crate::problem::Problem;
use crate::text::char_len;
use crate::time::{parse_local, Bound, TimeInputError};

/// Longest campaign name: long enough for "2027 3.8 女神节 · 全场满200减30 · 第二波", short enough
/// for a calendar bar.
pub const MAX_CAMPAIGN_NAME: usize = 80;
/// Longest description: a pasted press release fits.
pub const MAX_DESCRIPTION: usize = 4000;

/// A campaign that passed every rule, in storage units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValidCampaign {
    pub name: String,
    pub description: String,
    pub festival: Option<String>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub budget_fen: i64,
    pub store_ids: Vec<i64>,
}

fn time_problem(field: &str, text: &str, err: TimeInputError) -> Problem {
    match err {
        TimeInputError::Unreadable => Problem::new(
            field,
            &format!("campaign.{field}_unreadable"),
            format!("{field} '{text}' is not a date; use YYYY-MM-DD or YYYY-MM-DD HH:MM"),
            format!("{}“{text}”不是有效日期；请使用 YYYY-MM-DD 或 YYYY-MM-DD HH:MM", zh_field(field)),
        ),
        TimeInputError::Nonexistent => Problem::new(
            field,
            &format!("campaign.{field}_nonexistent"),
            format!("{field} '{text}' does not exist in the mall's time zone (a daylight-saving gap); pick another time"),
            format!("{}“{text}”在商场时区中不存在（夏令时跳过的时间）；请换一个时间", zh_field(field)),
        ),
    }
}

fn zh_field(field: &str) -> &'static str {
    match field {
        "start" => "开始时间",
        "end" => "结束时间",
        "budget" => "预算",
        "name" => "名称",
        _ => "字段",
    }
}

/// Checks a campaign input against every rule, in the mall's `zone`; unknown stores are looked
/// up in `conn`, which is the transaction that will write, so the check and the write agree.
pub(crate) fn validate(
    conn: &Connection,
    input: &CampaignInput,
    zone: Tz,
) -> Result<ValidCampaign, Vec<Problem>> {
    let mut problems = Vec::new();

    let name = input.name.trim().to_string();
    if name.is_empty() {
        problems.push(Problem::new(
            "name",
            "campaign.name_empty",
            "name is empty; give the campaign a name such as '2027 3.8 女神节'",
            "名称为空；请为活动命名，如“2027 3.8 女神节”",
        ));
    } else if char_len(&name) > MAX_CAMPAIGN_NAME {
        let n = char_len(&name);
        problems.push(Problem::new(
            "name",
            "campaign.name_too_long",
            format!("name has {n} characters; shorten it to {MAX_CAMPAIGN_NAME}"),
            format!("名称有 {n} 个字，请缩短到 {MAX_CAMPAIGN_NAME} 个以内"),
        ));
    }

    let description = input.description.trim().to_string();
    let n = char_len(&description);
    if n > MAX_DESCRIPTION {
        problems.push(Problem::new(
            "description",
            "campaign.description_too_long",
            format!("description has {n} characters; shorten it to {MAX_DESCRIPTION}"),
            format!("描述有 {n} 个字，请缩短到 {MAX_DESCRIPTION} 个以内"),
        ));
    }

    let festival = input
        .festival
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty());
    if let Some(f) = festival {
        if festival_by_id(f).is_none() {
            problems.push(Problem::new(
                "festival",
                "campaign.festival_unknown",
                format!("festival '{f}' is not in the festival calendar; choose one from the calendar's list"),
                format!("节日“{f}”不在节日目录中；请从节日列表中选择"),
            ));
        }
    }

    let start = parse_local(&input.start, zone, Bound::Start)
        .map_err(|e| problems.push(time_problem("start", input.start.trim(), e)))
        .ok();
    let end = parse_local(&input.end, zone, Bound::End)
        .map_err(|e| problems.push(time_problem("end", input.end.trim(), e)))
        .ok();
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            let (s, e) = (input.start.trim(), input.end.trim());
            problems.push(Problem::new(
                "end",
                "campaign.end_before_start",
                format!("end {e} is before start {s}; the end must be on or after the start"),
                format!("结束时间 {e} 早于开始时间 {s}；结束时间不能早于开始时间"),
            ));
        }
    }

    let budget_text = input.budget.trim();
    let budget_fen = match parse_yuan(budget_text) {
        None => {
            problems.push(Problem::new(
                "budget",
                "campaign.budget_unreadable",
                format!(
                    "budget '{budget_text}' is not an amount; enter yuan such as 50000 or 1234.50"
                ),
                format!("预算“{budget_text}”不是金额；请输入元，如 50000 或 1234.50"),
            ));
            None
        }
        Some(value) => check_amount("budget", value)
            .map_err(|p| problems.push(p))
            .ok(),
    };

    let mut store_ids = input.store_ids.clone();
    store_ids.sort_unstable();
    store_ids.dedup();
    let mut unknown = Vec::new();
    for id in &store_ids {
        let exists = conn
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM store WHERE id = ?1)",
                [id],
                |r| r.get::<_, bool>(0),
            )
            .unwrap_or(false);
        if !exists {
            unknown.push(id.to_string());
        }
    }
    if !unknown.is_empty() {
        let ids = unknown.join(", ");
        problems.push(Problem::new(
            "store_ids",
            "campaign.store_unknown",
            format!("store {ids} does not exist; pick stores from the store list"),
            format!("门店 {ids} 不存在；请从门店列表中选择"),
        ));
    }

    match (problems.is_empty(), start, end, budget_fen) {
        (true, Some(start), Some(end), Some(budget_fen)) => Ok(ValidCampaign {
            name,
            description,
            festival: festival.map(str::to_string),
            starts_at: start.timestamp(),
            ends_at: end.timestamp(),
            budget_fen,
            store_ids,
        }),
        _ => Err(problems),
    }
}

/// Two campaigns with one name read as one in every list, conflict and report, so a name is
/// refused while another campaign (other than `except`, the one being edited) carries it.
/// Compared after trimming and ignoring case.
pub(crate) fn name_taken(
    conn: &Connection,
    name: &str,
    except: Option<i64>,
) -> crate::sql::Result<Option<Problem>> {
    let found: Option<(String, i64)> = conn
        .query_row(
            "SELECT name, starts_at FROM campaign
             WHERE lower(trim(name)) = lower(trim(?1)) AND id IS DISTINCT FROM ?2 LIMIT 1",
            crate::sql::params![name, except],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(found.map(|(other, _)| {
        Problem::new(
            "name",
            "campaign.name_taken",
            format!("another campaign is already called '{other}'; give this one its own name, e.g. '{other} (2)'"),
            format!("已有名为“{other}”的活动；请为本活动另起名称，如“{other}（2）”"),
        )
    }))
}

/// `name`, or `name (2)`, `name (3)`… — the first no campaign carries.
pub(crate) fn unique_name(conn: &Connection, name: &str) -> crate::sql::Result<String> {
    let mut candidate = name.to_string();
    let mut n = 2;
    while name_taken(conn, &candidate, None)?.is_some() {
        candidate = format!("{name} ({n})");
        n += 1;
    }
    Ok(candidate)
}
