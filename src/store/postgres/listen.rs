//! What daemons on one database tell each other, and who leads. The listener keeps one
//! connection of its own: it `LISTEN`s for other daemons' notices, holds the leader's
//! advisory lock while it can (a session lock: if this daemon dies, its connection goes and
//! another daemon takes the lock), and refreshes the size figure. The notifier sends this
//! daemon's notices, coalesced: one `NOTIFY` for whatever committed meanwhile, sent after the
//! commits and outside them (a `NOTIFY` inside a transaction serialises commits).

use std::sync::Weak;
use std::sync::atomic::Ordering;
use std::time::Duration;

use futures_util::StreamExt;
use tokio::sync::mpsc;
use tokio_postgres::{AsyncMessage, NoTls};

use super::{Notice, Shared};

/// The channel every daemon listens on.
pub const CHANNEL: &str = "pulse";
/// The advisory lock whose holder runs the singleton jobs.
pub const LEADER_LOCK: i64 = 0x7075_6c73_655f_6c64; // "pulse_ld"
/// NOTIFY payloads must stay under 8,000 bytes.
const MAX_PAYLOAD: usize = 7_000;

/// Runs until the store is dropped: listens, leads when it can, reconnects when the server
/// goes away (and gives up the lead until it is back).
pub async fn listener(cfg: tokio_postgres::Config, shared: Weak<Shared>) {
    let mut backoff = Duration::from_millis(200);
    loop {
        let Some(s) = shared.upgrade() else { return };
        drop(s);
        match session(&cfg, &shared).await {
            Ok(()) => return,
            Err(e) => {
                if let Some(s) = shared.upgrade() {
                    if s.leader.swap(false, Ordering::Relaxed) {
                        tracing::warn!(error = %e, "store: lost the connection that held the lead; reconnecting");
                    } else {
                        tracing::debug!(error = %e, "store: listener reconnecting");
                    }
                }
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(2));
            }
        }
    }
}

/// One connection's life; `Ok` when the store is gone.
async fn session(cfg: &tokio_postgres::Config, shared: &Weak<Shared>) -> Result<(), tokio_postgres::Error> {
    let (client, mut conn) = cfg.connect(NoTls).await?;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let driver = tokio::spawn(async move {
        let mut messages = futures_util::stream::poll_fn(move |cx| conn.poll_message(cx));
        while let Some(m) = messages.next().await {
            match m {
                Ok(AsyncMessage::Notification(n)) => {
                    let _ = tx.send(Ok(n.payload().to_string()));
                }
                Ok(_) => {}
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
            }
        }
    });
    let _stop_driver = AbortOnDrop(driver);
    client.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    let mut ticks: u64 = 0;
    loop {
        tokio::select! {
            m = rx.recv() => match m {
                Some(Ok(payload)) => {
                    let Some(s) = shared.upgrade() else { return Ok(()) };
                    for n in parse(&payload, &s.instance) {
                        let _ = s.notices.send(n);
                    }
                }
                Some(Err(e)) => return Err(e),
                None => return client.batch_execute("SELECT 1").await,
            },
            _ = tick.tick() => {
                let Some(s) = shared.upgrade() else { return Ok(()) };
                if !s.leader.load(Ordering::Relaxed) {
                    let got: bool = client.query_one("SELECT pg_try_advisory_lock($1)", &[&LEADER_LOCK]).await?.get(0);
                    if got {
                        tracing::info!("store: this daemon now runs reconciliation and retention");
                        s.leader.store(true, Ordering::Relaxed);
                    }
                } else {
                    // A cheap liveness check: a dead session must not keep believing it leads.
                    client.batch_execute("SELECT 1").await?;
                }
                if ticks.is_multiple_of(30) {
                    let size: i64 = client.query_one("SELECT pg_database_size(current_database())", &[]).await?.get(0);
                    s.size.store(size as u64, Ordering::Relaxed);
                }
                ticks += 1;
            }
        }
    }
}

struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A payload is `<instance>` then one line per notice: `D` (deliveries due) or
/// `E <project> <event>`. A daemon's own notices are skipped.
fn parse(payload: &str, me: &str) -> Vec<Notice> {
    let mut lines = payload.lines();
    if lines.next() == Some(me) {
        return Vec::new();
    }
    let mut out = vec![Notice::Due];
    for line in lines {
        let mut parts = line.split(' ');
        if let (Some("E"), Some(p), Some(e)) = (parts.next(), parts.next(), parts.next()) {
            out.push(Notice::Event { project_id: p.into(), event_id: e.into() });
        }
    }
    out
}

/// Payloads carrying `notices` from `me`, each under the size limit.
fn payloads(me: &str, notices: &[Notice]) -> Vec<String> {
    let mut out = vec![me.to_string()];
    for n in notices {
        let line = match n {
            Notice::Due => continue,
            Notice::Event { project_id, event_id } => format!("\nE {project_id} {event_id}"),
        };
        if out.last().is_some_and(|p| p.len() + line.len() > MAX_PAYLOAD) {
            out.push(me.to_string());
        }
        if let Some(p) = out.last_mut() {
            p.push_str(&line);
        }
    }
    out
}

/// Sends this daemon's notices until the store is dropped; what commits while one is being
/// sent goes out together in the next.
pub async fn notifier(pool: deadpool_postgres::Pool, me: String, mut rx: mpsc::UnboundedReceiver<Notice>) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while let Ok(n) = rx.try_recv() {
            batch.push(n);
        }
        let Ok(client) = pool.get().await else { continue };
        for p in payloads(&me, &batch) {
            if let Err(e) = client.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &p]).await {
                // The others poll anyway: a lost notice costs them up to a second.
                tracing::debug!(error = %e, "store: could not notify the other daemons");
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_round_trip_and_skip_their_sender() {
        let sent = vec![
            Notice::Event { project_id: "prj_a".into(), event_id: "evt_1".into() },
            Notice::Due,
            Notice::Event { project_id: "prj_b".into(), event_id: "evt_2".into() },
        ];
        let p = payloads("pd_me", &sent);
        assert_eq!(p.len(), 1);
        assert!(parse(&p[0], "pd_me").is_empty(), "a daemon ignores its own notices");
        let got = parse(&p[0], "pd_other");
        assert_eq!(got[0], Notice::Due);
        assert_eq!(&got[1..], &[sent[0].clone(), sent[2].clone()]);
    }

    #[test]
    fn long_batches_split_under_the_payload_limit() {
        let many: Vec<Notice> = (0..1000)
            .map(|i| Notice::Event {
                project_id: "prj_01234567890123456789".into(),
                event_id: format!("evt_{i:026}").into(),
            })
            .collect();
        let p = payloads("pd_me", &many);
        assert!(p.len() > 1);
        assert!(p.iter().all(|x| x.len() <= MAX_PAYLOAD));
        let back: usize = p.iter().map(|x| parse(x, "pd_x").len() - 1).sum();
        assert_eq!(back, 1000);
    }
}
