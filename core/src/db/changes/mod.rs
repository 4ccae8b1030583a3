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
///
/// The first look (the embedded store's first `data_version`, the team database's `LISTEN`)
/// is taken before this returns. Taken later, in the thread, it raced the window's first
/// screens: a change committed between a screen's read and that first look became the
/// starting point and was never announced.
pub fn watch(location: Location) -> Receiver<Vec<DataChange>> {
    let (send, receive) = mpsc::channel();
    let spawned = match location {
        Location::File(_) => {
            let first = look(&location);
            std::thread::Builder::new()
                .name("data-changes".into())
                .spawn(move || poll_file(&location, first, &send))
        }
        Location::Team(_) => {
            let first = subscribe(&location);
            std::thread::Builder::new()
                .name("data-changes".into())
                .spawn(move || listen(&location, first, &send))
        }
    };
    // Without a thread nothing is announced; the screens still read on every visit.
    drop(spawned);
    receive
}

/// Whatever changed, for the store (or the moment) that cannot say what.
fn anything() -> Vec<DataChange> {
    vec![DataChange {
        table: "*".into(),
        campaign: None,
    }]
}

/// A connection of its own on the embedded file and its `data_version` now.
fn look(location: &Location) -> Option<(Db, i64)> {
    let db = Db::open_reader_at(location).ok()?;
    let version = db.data_version().ok()?;
    Some((db, version))
}

fn poll_file(
    location: &Location,
    mut watching: Option<(Db, i64)>,
    send: &mpsc::Sender<Vec<DataChange>>,
) {
    loop {
        std::thread::sleep(POLL);
        // One connection for as long as it works: data_version is per connection.
        let now = watching.as_ref().map(|(db, _)| db.data_version());
        let changed = if let (Some((_, seen)), Some(Ok(version))) = (watching.as_mut(), now) {
            std::mem::replace(seen, version) != version
        } else {
            // No connection, or it failed: a new one counts afresh, and what was committed
            // while nobody looked is announced once it works.
            watching = look(location);
            watching.is_some()
        };
        if changed && send.send(anything()).is_err() {
            return;
        }
    }
}

/// A connection of its own on the team database, listening on the channel.
fn subscribe(location: &Location) -> Option<Db> {
    let db = Db::open_reader_at(location).ok()?;
    db.conn()
        .postgres()?
        .client()
        .batch_execute("LISTEN promodesk")
        .ok()?;
    Some(db)
}

fn listen(location: &Location, mut subscribed: Option<Db>, send: &mpsc::Sender<Vec<DataChange>>) {
    loop {
        let db = match subscribed.take() {
            Some(db) => db,
            None => {
                std::thread::sleep(POLL);
                let Some(db) = subscribe(location) else {
                    continue;
                };
                // Notices sent while the connection was down are lost: say that anything
                // may have changed.
                if send.send(anything()).is_err() {
                    return;
                }
                db
            }
        };
        if !forward(&db, send) {
            return;
        }
    }
}

/// Passes the subscribed connection's notices on in bursts until the connection breaks
/// (`true`: subscribe again) or nobody listens any more (`false`).
fn forward(db: &Db, send: &mpsc::Sender<Vec<DataChange>>) -> bool {
    let Some(pg) = db.conn().postgres() else {
        return false;
    };
    let mut client = pg.client();
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
            // Idle: an empty burst finds out whether anybody still listens.
            Ok(None) => {
                if send.send(std::mem::take(&mut burst)).is_err() {
                    return false;
                }
            }
            Err(_) => return true,
        }
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
