//! Idempotency keys: a write sent again with the key it was first sent with (the
//! `Idempotency-Key` header, as Stripe and Svix take it) answers what the first answered, byte
//! for byte, and does nothing again; the same key with another request is a conflict. The key
//! is reserved in the store before the write runs, so the rule holds across daemons sharing a
//! database, and kept 24 hours.

use super::{Core, CoreError, CoreResult};
use crate::model::{Millis, now_ms};
use crate::store::{Changes, Committed, Expect, IdempotencyRecord, Op};

/// The longest key taken (Stripe's limit).
pub const MAX_KEY: usize = 255;

/// A reservation left by a daemon that died mid-request may be taken over after this long:
/// every write answers well within it (LiveKit's calls time out sooner).
const STALE_PENDING_MS: Millis = 60_000;

/// What to do with a request that carries a key.
#[derive(Debug)]
pub enum Begin {
    /// Run it; then [`Core::idempotency_finish`] (or `_release`) the reservation.
    Run(Reservation),
    /// Answered before: give this answer again.
    Replay { status: u16, body: String },
}

/// A key reserved for one request being answered.
#[derive(Debug)]
pub struct Reservation {
    record: IdempotencyRecord,
}

/// Checks a key's form: 1 to 255 visible ASCII characters.
pub fn check_key(key: &str) -> CoreResult<()> {
    let field = "Idempotency-Key";
    if key.is_empty() || key.len() > MAX_KEY {
        return Err(CoreError::invalid(field, format!("must be 1 to {MAX_KEY} characters (a UUID or ULID will do)")));
    }
    if !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(CoreError::invalid(field, "must be visible ASCII characters only (a UUID or ULID will do)"));
    }
    Ok(())
}

/// What identifies a request: its method, path and body.
pub fn fingerprint(method: &str, path: &str, body: &[u8]) -> String {
    let mut all = Vec::with_capacity(method.len() + path.len() + body.len() + 2);
    for part in [method.as_bytes(), b" ", path.as_bytes(), b"\n", body] {
        all.extend_from_slice(part);
    }
    crate::util::sha256_hex(&all)
}

/// Whether an answer with `status` is kept for replay: successes and the client's own errors
/// are what the request deserved; a server error or a refusal to wait (429, 503) says nothing
/// about the request, so the key is released and a retry runs again.
pub fn keeps(status: u16) -> bool {
    (200..500).contains(&status) && status != 409 && status != 429
}

/// What an existing record means for a request with `fingerprint` at `now`.
fn decide(rec: &IdempotencyRecord, fingerprint: &str, now: Millis) -> Result<Option<Begin>, CoreError> {
    if now - rec.created_ms >= IdempotencyRecord::KEEP_MS {
        return Ok(None);
    }
    if rec.fingerprint != fingerprint {
        return Err(CoreError::Conflict(format!(
            "Idempotency-Key {:?} was used with another request in the last 24 hours; use a new key for a new \
             request",
            rec.key
        )));
    }
    match (&rec.status, &rec.body) {
        (Some(status), Some(body)) => Ok(Some(Begin::Replay { status: *status, body: body.clone() })),
        _ if now - rec.created_ms >= STALE_PENDING_MS => Ok(None),
        _ => Err(CoreError::Conflict(format!(
            "a request with Idempotency-Key {:?} is still being answered; retry in a moment",
            rec.key
        ))),
    }
}

impl Core {
    /// Reserves `key` of `owner` (a project id, or `admin`) for a request with `fingerprint`,
    /// or answers why not: a replay of the first answer, or a conflict.
    pub async fn idempotency_begin(&self, owner: &str, key: &str, fingerprint: &str) -> CoreResult<Begin> {
        check_key(key)?;
        loop {
            let now = now_ms();
            let old = self.store.idempotency(owner, key).await?;
            let expect = match &old {
                Some(rec) => match decide(rec, fingerprint, now)? {
                    Some(answer) => return Ok(answer),
                    None => Expect::Rev(rec.rev),
                },
                None => Expect::New,
            };
            let record = IdempotencyRecord {
                owner: owner.into(),
                key: key.into(),
                fingerprint: fingerprint.into(),
                status: None,
                body: None,
                created_ms: now,
                rev: 0,
            };
            let changes = Changes { livekit_event: None, ops: vec![Op::PutIdempotency(record.clone(), expect)] };
            match self.store.commit(changes).await? {
                Committed::Applied => {
                    let rev = match expect {
                        Expect::Rev(r) => r + 1,
                        _ => 1,
                    };
                    return Ok(Begin::Run(Reservation { record: IdempotencyRecord { rev, ..record } }));
                }
                // Another request took it first: look again.
                _ => continue,
            }
        }
    }

    /// Keeps the answer a reserved request got (see [`keeps`]), or releases the key.
    pub async fn idempotency_finish(&self, r: Reservation, status: u16, body: &[u8]) -> CoreResult<()> {
        if !keeps(status) {
            return self.idempotency_release(r).await;
        }
        let rev = r.record.rev;
        let rec = IdempotencyRecord {
            status: Some(status),
            body: Some(String::from_utf8_lossy(body).into_owned()),
            ..r.record
        };
        self.store
            .commit(Changes { livekit_event: None, ops: vec![Op::PutIdempotency(rec, Expect::Rev(rev))] })
            .await?;
        Ok(())
    }

    /// Frees a reserved key without an answer (the request failed on the server's side).
    pub async fn idempotency_release(&self, r: Reservation) -> CoreResult<()> {
        let op = Op::DeleteIdempotency { owner: r.record.owner, key: r.record.key };
        self.store.commit(Changes { livekit_event: None, ops: vec![op] }).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(fp: &str, created_ms: Millis, answered: bool) -> IdempotencyRecord {
        IdempotencyRecord {
            owner: "prj_1".into(),
            key: "k".into(),
            fingerprint: fp.into(),
            status: answered.then_some(201),
            body: answered.then(|| "{}".into()),
            created_ms,
            rev: 1,
        }
    }

    #[test]
    fn a_key_replays_conflicts_or_expires() {
        let now = 10 * IdempotencyRecord::KEEP_MS;
        assert!(matches!(decide(&rec("a", now - 5, true), "a", now), Ok(Some(Begin::Replay { status: 201, .. }))));
        assert!(matches!(decide(&rec("b", now - 5, true), "a", now), Err(CoreError::Conflict(_))));
        assert!(matches!(decide(&rec("a", now - 5, false), "a", now), Err(CoreError::Conflict(_))));
        assert!(matches!(decide(&rec("a", now - STALE_PENDING_MS, false), "a", now), Ok(None)));
        assert!(matches!(decide(&rec("b", now - IdempotencyRecord::KEEP_MS, true), "a", now), Ok(None)));
    }

    #[test]
    fn keys_are_checked_and_answers_kept_by_status() {
        assert!(check_key("01J9ZK-retry/1").is_ok());
        assert!(check_key("").is_err());
        assert!(check_key("has space").is_err());
        assert!(check_key(&"k".repeat(256)).is_err());
        assert!(keeps(201) && keeps(400) && keeps(404));
        assert!(!keeps(409) && !keeps(429) && !keeps(500) && !keeps(503));
    }
}
