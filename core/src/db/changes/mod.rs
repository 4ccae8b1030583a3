//! Telling an open window that someone else changed the data, so the screen it shows refreshes.
//!
//! A team database announces every committed change itself: triggers `pg_notify` on channel
//! `promodesk` (row-level on the planning tables with the campaign the row belongs to,
//! statement-level on the bulk tables), and one connection here LISTENs. The embedded store
//! has no such channel; `PRAGMA data_version` on a connection of its own changes whenever
//! another connection commits, so it is looked at once a second. Either way the change is
//! delivered after its commit, so a read it triggers sees it.

use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Db, Location};

/// What changed. `table` is "*" when the store cannot say (the embedded store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DataChange {
    pub table: String,
    /// The campaign the changed row belongs to, when it belongs to one.
    #[ts(type = "number | null")]
    pub campaign: Option<i64>,
}

/// How long a burst of changes (an import's statements, a save's rows) is gathered into one.
const GATHER: Duration = Duration::from_millis(250);
/// How often the embedded store is looked at, and how long a lost server is waited for.
const POLL: Duration = Duration::from_secs(1);

/// Starts watching the database at `location`; each item is a gathered burst of changes.
/// The thread ends when the receiver is dropped.
pub fn watch(location: Location) -> Receiver<Vec<DataChange>> {
    let (send, receive) = mpsc::channel();
    std::thread::Builder::new()
        .name("data-changes".into())
        .spawn(move || match location {
            Location::File(_) => poll_file(&location, &send),
            Location::Team(_) => listen(&location, &send),
        })
        .ok();
    receive
}

fn poll_file(location: &Location, send: &mpsc::Sender<Vec<DataChange>>) {
    let mut seen = None;
    loop {
        std::thread::sleep(POLL);
        let Ok(db) = Db::open_reader_at(location) else {
            continue;
        };
        // One connection for as long as it works: data_version is per connection.
        while let Ok(version) = db.data_version() {
            if seen.is_some_and(|s| s != version) {
                let all = DataChange {
                    table: "*".into(),
                    campaign: None,
                };
                if send.send(vec![all]).is_err() {
                    return;
                }
            }
            seen = Some(version);
            std::thread::sleep(POLL);
        }
    }
}

fn listen(location: &Location, send: &mpsc::Sender<Vec<DataChange>>) {
    loop {
        if let Ok(db) = Db::open_reader_at(location) {
            if let Some(pg) = db.conn().postgres() {
                let mut client = pg.client();
                if client.batch_execute("LISTEN promodesk").is_ok() {
                    let mut notifications = client.notifications();
                    let mut burst = Vec::new();
                    loop {
                        let wait = if burst.is_empty() { POLL } else { GATHER };
                        match notifications.timeout_iter(wait).next() {
                            Ok(Some(n)) => {
                                if let Some(change) = parse(n.payload()) {
                                    if !burst.contains(&change) {
                                        burst.push(change);
                                    }
                                }
                            }
                            Ok(None) if burst.is_empty() => {
                                // Idle: a closed channel means nobody listens any more.
                                if send.send(Vec::new()).is_err() {
                                    return;
                                }
                            }
                            Ok(None) => {
                                if send.send(std::mem::take(&mut burst)).is_err() {
                                    return;
                                }
                            }
                            // The connection broke: connect again.
                            Err(_) => break,
                        }
                    }
                }
            }
        }
        std::thread::sleep(POLL);
    }
}

/// `table` or `table:campaign` (the triggers' payload).
fn parse(payload: &str) -> Option<DataChange> {
    let (table, campaign) = match payload.split_once(':') {
        Some((t, c)) => (t, c.parse().ok()),
        None => (payload, None),
    };
    (!table.is_empty()).then(|| DataChange {
        table: table.to_string(),
        campaign,
    })
}

#[cfg(test)]
mod tests;
