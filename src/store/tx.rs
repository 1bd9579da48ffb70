//! One atomic write across the store: the outbox. A LiveKit event, the record it changes, the
//! pulse events that produces and every delivery derived from them are written together or
//! not at all. sled re-runs the closure on conflict, so it must only compute and write.

use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::webhooks::{due_key, due_value};
use super::{DeliveryRecord, EndpointRecord, EventRecord, Owned, Result, Store, StoreError, decode, encode};
use crate::api::{Egress, Ingress};

/// What a transaction step fails with (a conflict re-runs the closure).
pub type TxError = ConflictableTransactionError<StoreError>;

type TxResult<T> = std::result::Result<T, TxError>;

const EGRESS: usize = 0;
const EGRESS_LK: usize = 1;
const INGRESS: usize = 2;
const INGRESS_LK: usize = 3;
const EVENTS: usize = 4;
const DELIVERIES: usize = 5;
const DUE: usize = 6;
const LIVEKIT_EVENTS: usize = 7;
const ENDPOINTS: usize = 8;

/// The typed view a transaction closure works on.
pub struct Tx<'a> {
    t: &'a [TransactionalTree],
}

fn dec<T: serde::de::DeserializeOwned>(v: &[u8]) -> TxResult<T> {
    decode(v).map_err(ConflictableTransactionError::Abort)
}

fn enc<T: serde::Serialize>(v: &T) -> TxResult<Vec<u8>> {
    encode(v).map_err(ConflictableTransactionError::Abort)
}

impl Tx<'_> {
    /// Records LiveKit's event `id` as taken in; false when it already was (a duplicate).
    /// No id (an event pulse learned by itself) is always new.
    pub fn first_sight(&self, id: Option<&str>) -> TxResult<bool> {
        let Some(id) = id else { return Ok(true) };
        if self.t[LIVEKIT_EVENTS].get(id.as_bytes())?.is_some() {
            return Ok(false);
        }
        self.t[LIVEKIT_EVENTS].insert(id.as_bytes(), crate::util::unix_now().to_be_bytes().to_vec())?;
        Ok(true)
    }

    fn by_livekit<T: Owned>(&self, records: usize, index: usize, lk: &str) -> TxResult<Option<T>> {
        match self.t[index].get(lk.as_bytes())? {
            Some(key) => self.t[records].get(key)?.map(|v| dec(&v)).transpose(),
            None => Ok(None),
        }
    }

    fn put_owned<T: Owned>(&self, records: usize, index: usize, r: &T) -> TxResult<()> {
        let key = format!("{}/{}", r.project_id(), r.id());
        self.t[records].insert(key.as_bytes(), enc(r)?)?;
        if let Some(lk) = r.livekit_id() {
            self.t[index].insert(lk.as_bytes(), key.as_bytes())?;
        }
        Ok(())
    }

    /// An egress by LiveKit id.
    pub fn egress_by_livekit(&self, lk: &str) -> TxResult<Option<Egress>> {
        self.by_livekit(EGRESS, EGRESS_LK, lk)
    }

    /// Writes an egress.
    pub fn put_egress(&self, e: &Egress) -> TxResult<()> {
        self.put_owned(EGRESS, EGRESS_LK, e)
    }

    /// An ingress by LiveKit id.
    pub fn ingress_by_livekit(&self, lk: &str) -> TxResult<Option<Ingress>> {
        self.by_livekit(INGRESS, INGRESS_LK, lk)
    }

    /// Writes an ingress.
    pub fn put_ingress(&self, i: &Ingress) -> TxResult<()> {
        self.put_owned(INGRESS, INGRESS_LK, i)
    }

    /// Writes an event.
    pub fn put_event(&self, e: &EventRecord) -> TxResult<()> {
        self.t[EVENTS].insert(format!("{}/{}", e.project_id, e.event_id).as_bytes(), enc(e)?)?;
        Ok(())
    }

    /// A delivery by key.
    pub fn delivery(&self, key: &str) -> TxResult<Option<DeliveryRecord>> {
        self.t[DELIVERIES].get(key.as_bytes())?.map(|v| dec(&v)).transpose()
    }

    /// Writes a delivery and moves its schedule entry to `d.due_ms` (none: unscheduled).
    pub fn put_delivery(&self, d: &DeliveryRecord) -> TxResult<()> {
        let key = d.key();
        let old: Option<DeliveryRecord> = self.delivery(&key)?;
        if let Some(ms) = old.and_then(|o| o.due_ms) {
            self.t[DUE].remove(due_key(ms, &key))?;
        }
        if let Some(ms) = d.due_ms {
            self.t[DUE].insert(due_key(ms, &key), due_value(d))?;
        }
        self.t[DELIVERIES].insert(key.as_bytes(), enc(d)?)?;
        Ok(())
    }

    /// Writes an endpoint (e.g. disabled after a 410).
    pub fn put_endpoint(&self, e: &EndpointRecord) -> TxResult<()> {
        self.t[ENDPOINTS].insert(format!("{}/{}", e.project_id, e.endpoint.endpoint_id).as_bytes(), enc(e)?)?;
        Ok(())
    }

    /// An endpoint, as of this transaction.
    pub fn endpoint(&self, project_id: &str, id: &str) -> TxResult<Option<EndpointRecord>> {
        self.t[ENDPOINTS].get(format!("{project_id}/{id}").as_bytes())?.map(|v| dec(&v)).transpose()
    }
}

impl Store {
    /// Runs `f` as one atomic write. Not durable until [`Store::commit`].
    pub fn transact<T>(&self, f: impl Fn(&Tx) -> TxResult<T>) -> Result<T> {
        let i = &self.inner;
        let trees = [
            &i.egress.records,
            &i.egress.by_livekit,
            &i.ingress.records,
            &i.ingress.by_livekit,
            &i.events,
            &i.deliveries,
            &i.due,
            &i.livekit_events,
            &i.endpoints,
        ];
        use sled::Transactional;
        Ok(trees.as_slice().transaction(|view| f(&Tx { t: view }))?)
    }
}
