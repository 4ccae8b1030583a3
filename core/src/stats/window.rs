//! Turning a [`Scope`] into SQL: the trades' instants, stores and provider, and which table to
//! read. The hourly rollup (`trade_hour`) answers whenever the range falls on whole hours in a
//! zone with a whole-hour offset, which is every campaign and date range in China; any other
//! range reads the trades themselves. Both give the same figures (a test compares them).

use crate::sql::types::Value;
use crate::sql::OptionalExtension;
use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

use super::{Scope, StatsError};
use crate::db::Db;

/// A scope resolved to instants and filters.
#[derive(Debug, Clone, Default)]
pub(crate) struct Window {
    /// First second, inclusive.
    pub start: Option<i64>,
    /// Last second, inclusive.
    pub end: Option<i64>,
    /// Local dates the range covers, for footfall.
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    /// Restrict to the stores of this campaign (none listed = the whole mall).
    pub stores_of_campaign: Option<i64>,
    pub provider: Option<String>,
    pub store: Option<i64>,
    /// The zone's UTC offset in seconds at the start of the range.
    pub offset: i64,
    /// The mall's zone, for windows derived from this one (an uplift's baseline).
    pub zone: Tz,
}

/// Where the figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Trades,
    Rollup,
}

impl Source {
    /// The table to read; `with_store` adds the store each row's merchant account gives (a
    /// join per row, so only when the query filters or groups by store).
    pub fn table(self, with_store: bool) -> &'static str {
        match (self, with_store) {
            (Source::Trades, true) => "trade_with_store",
            (Source::Trades, false) => "trade",
            (Source::Rollup, true) => "trade_hour_with_store",
            // Summed over merchants: far fewer rows.
            (Source::Rollup, false) => "trade_hour_totals",
        }
    }
    /// How many trades a row stands for.
    pub fn count(self) -> &'static str {
        match self {
            Source::Trades => "1",
            Source::Rollup => "t.n",
        }
    }
    /// Whether a row's payments used a coupon.
    pub fn used(self) -> &'static str {
        match self {
            Source::Trades => "(t.coupon_fen > 0 OR t.coupon_name <> '')",
            Source::Rollup => "t.used = 1",
        }
    }
    /// The instant to filter and group time by.
    pub fn time(self) -> &'static str {
        match self {
            Source::Trades => "t.occurred_at",
            Source::Rollup => "t.hour_ts",
        }
    }
}

pub(crate) fn zone_offset(zone: Tz, at: i64) -> i64 {
    let utc = chrono::DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .naive_utc();
    i64::from(zone.offset_from_utc_datetime(&utc).fix().local_minus_utc())
}

fn parse_day(
    field: &'static str,
    text: &Option<String>,
    zone: Tz,
) -> Result<Option<NaiveDate>, StatsError> {
    let today = crate::time::today_in(zone);
    text.as_ref()
        .map(|t| {
            crate::time::parse_day_on(t, today).ok_or_else(|| StatsError::BadDate(field, t.clone()))
        })
        .transpose()
}

impl Window {
    /// The local dates `first..=last` (either open) in `zone`.
    pub fn of_days(zone: Tz, first: Option<NaiveDate>, last: Option<NaiveDate>) -> Window {
        let start = first.and_then(|d| {
            crate::time::start_of_day(d, zone)
                .ok()
                .map(|t| t.timestamp())
        });
        let end = last.and_then(|d| {
            let next = d.succ_opt()?;
            crate::time::start_of_day(next, zone)
                .ok()
                .map(|t| t.timestamp() - 1)
        });
        Window {
            start,
            end,
            first_day: first,
            last_day: last,
            offset: zone_offset(zone, start.unwrap_or_else(crate::time::now_ts)),
            zone,
            ..Window::default()
        }
    }

    /// The window of `scope` in the mall's zone.
    pub fn resolve(db: &Db, scope: &Scope) -> Result<Window, StatsError> {
        Window::resolve_in(db, crate::mall::get(db)?.zone(), scope)
    }

    /// The window of a whole campaign: its instants, its local days in `zone` and its stores.
    pub fn of_campaign(db: &Db, zone: Tz, campaign: i64) -> Result<Window, StatsError> {
        let scope = Scope {
            campaign: Some(campaign),
            ..Scope::default()
        };
        Window::resolve_in(db, zone, &scope)
    }

    /// The window of `scope` in `zone`, the mall's (read by the caller).
    pub fn resolve_in(db: &Db, zone: Tz, scope: &Scope) -> Result<Window, StatsError> {
        let from = parse_day("from", &scope.from, zone)?;
        let to = parse_day("to", &scope.to, zone)?;
        let mut window = Window::of_days(zone, from, to);
        if let Some(id) = scope.campaign {
            let (start, end) = campaign_span(db, id)?;
            window.start = Some(window.start.map_or(start, |s| s.max(start)));
            window.end = Some(window.end.map_or(end, |e| e.min(end)));
            let local = |ts: i64| crate::time::local(ts, zone).date_naive();
            window.first_day = Some(
                window
                    .first_day
                    .map_or(local(start), |d| d.max(local(start))),
            );
            window.last_day = Some(window.last_day.map_or(local(end), |d| d.min(local(end))));
            // A campaign for the whole mall needs no store filter (nor the join it costs).
            let has_stores: bool = db.conn().query_row(
                "SELECT EXISTS(SELECT 1 FROM campaign_store WHERE campaign_id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            window.stores_of_campaign = has_stores.then_some(id);
            window.offset = zone_offset(zone, start);
        }
        window.provider = scope.provider.clone().filter(|p| !p.trim().is_empty());
        window.store = scope.store;
        Ok(window)
    }

    /// Whether the query must know each row's store.
    pub fn needs_store(&self) -> bool {
        self.store.is_some() || self.stores_of_campaign.is_some()
    }

    /// The rollup answers when every bound is a whole UTC hour and local hours are whole UTC
    /// hours too.
    pub fn source(&self) -> Source {
        let aligned = self.start.is_none_or(|s| s.rem_euclid(3600) == 0)
            && self.end.is_none_or(|e| (e + 1).rem_euclid(3600) == 0)
            && self.offset % 3600 == 0;
        if aligned {
            Source::Rollup
        } else {
            Source::Trades
        }
    }

    /// The WHERE clause (over alias `t`) and its parameters.
    pub fn clause(&self, source: Source) -> (String, Vec<Value>) {
        let time = source.time();
        let mut clauses = vec!["1 = 1".to_string()];
        let mut values: Vec<Value> = Vec::new();
        let mut push = |clause: &dyn Fn(usize) -> String, value: Value| {
            values.push(value);
            clauses.push(clause(values.len()));
        };
        if let Some(start) = self.start {
            push(&|n| format!("{time} >= ?{n}"), Value::Integer(start));
        }
        if let Some(end) = self.end {
            push(&|n| format!("{time} <= ?{n}"), Value::Integer(end));
        }
        if let Some(id) = self.stores_of_campaign {
            push(
                &|n| {
                    format!("(NOT EXISTS (SELECT 1 FROM campaign_store WHERE campaign_id = ?{n}) OR t.store_id IN (SELECT store_id FROM campaign_store WHERE campaign_id = ?{n}))")
                },
                Value::Integer(id),
            );
        }
        if let Some(provider) = &self.provider {
            push(
                &|n| format!("t.provider = ?{n}"),
                Value::Text(provider.clone()),
            );
        }
        if let Some(store) = self.store {
            push(&|n| format!("t.store_id = ?{n}"), Value::Integer(store));
        }
        (clauses.join(" AND "), values)
    }
}

/// A campaign's first and last second.
pub(crate) fn campaign_span(db: &Db, id: i64) -> Result<(i64, i64), StatsError> {
    db.conn()
        .query_row(
            "SELECT starts_at, ends_at FROM campaign WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(StatsError::CampaignNotFound(id))
}
