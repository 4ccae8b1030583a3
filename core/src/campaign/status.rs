//! The campaign lifecycle and which moves between its states are legal.

use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::Localized;

/// Where a campaign is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CampaignStatus {
    Draft,
    Scheduled,
    Live,
    Ended,
    Paused,
    Cancelled,
}

impl CampaignStatus {
    pub const ALL: [CampaignStatus; 6] = [
        CampaignStatus::Draft,
        CampaignStatus::Scheduled,
        CampaignStatus::Live,
        CampaignStatus::Paused,
        CampaignStatus::Ended,
        CampaignStatus::Cancelled,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CampaignStatus::Draft => "draft",
            CampaignStatus::Scheduled => "scheduled",
            CampaignStatus::Live => "live",
            CampaignStatus::Ended => "ended",
            CampaignStatus::Paused => "paused",
            CampaignStatus::Cancelled => "cancelled",
        }
    }

    pub fn name(self) -> Localized {
        let (en, zh) = match self {
            CampaignStatus::Draft => ("draft", "草稿"),
            CampaignStatus::Scheduled => ("scheduled", "已排期"),
            CampaignStatus::Live => ("live", "进行中"),
            CampaignStatus::Ended => ("ended", "已结束"),
            CampaignStatus::Paused => ("paused", "已暂停"),
            CampaignStatus::Cancelled => ("cancelled", "已取消"),
        };
        Localized::new(en, zh)
    }

    /// The states reachable from this one by a single move.
    ///
    /// Ended and cancelled are final: a festival that is over is reported on, never reopened;
    /// running it again means cloning it.
    pub fn next(self) -> &'static [CampaignStatus] {
        use CampaignStatus::*;
        match self {
            Draft => &[Scheduled, Cancelled],
            Scheduled => &[Draft, Live, Paused, Cancelled],
            Live => &[Paused, Ended, Cancelled],
            Paused => &[Live, Scheduled, Ended, Cancelled],
            Ended | Cancelled => &[],
        }
    }

    pub fn can_move_to(self, to: CampaignStatus) -> bool {
        self.next().contains(&to)
    }
}

impl FromStr for CampaignStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CampaignStatus::ALL
            .into_iter()
            // The key (`live`) or the status's name in either language (进行中).
            .find(|st| {
                let (t, name) = (s.trim(), st.name());
                st.key() == t || name.zh == t || name.en.eq_ignore_ascii_case(t)
            })
            .ok_or_else(|| s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::CampaignStatus::*;
    use super::*;

    #[test]
    fn legal_moves() {
        assert!(Draft.can_move_to(Scheduled));
        assert!(Scheduled.can_move_to(Live));
        assert!(Live.can_move_to(Paused));
        assert!(Paused.can_move_to(Live));
        assert!(Live.can_move_to(Ended));
    }

    #[test]
    fn illegal_moves() {
        assert!(!Ended.can_move_to(Live));
        assert!(!Cancelled.can_move_to(Draft));
        assert!(!Draft.can_move_to(Live));
        assert!(!Live.can_move_to(Draft));
        for s in CampaignStatus::ALL {
            assert!(!s.can_move_to(s), "{s:?} to itself");
        }
    }

    #[test]
    fn keys_round_trip() {
        for s in CampaignStatus::ALL {
            assert_eq!(s.key().parse::<CampaignStatus>().unwrap(), s);
        }
        assert!("running".parse::<CampaignStatus>().is_err());
    }
}
