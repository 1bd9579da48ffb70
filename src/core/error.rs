//! `CoreError`: every way a core service can fail, in domain terms. The HTTP layer turns each
//! kind into a status in exactly one place, above the core (the daemon's error replies).

use crate::livekit::LiveKitError;
use crate::store::StoreError;

/// Why a core service refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The input is wrong; `field` names what to fix. `now`: it is well formed, but what the
    /// thing it names is at the moment refuses it (a target the egress does not have): HTTP
    /// says 409 for that, not 400, and a client may ask again once things change.
    #[error("{message}")]
    Invalid { field: Option<String>, message: String, now: bool },
    /// No such thing (for this project).
    #[error("{0} not found")]
    NotFound(String),
    /// The request contradicts the current state.
    #[error("{0}")]
    Conflict(String),
    /// Not allowed: a project limit is reached (named, with the figure).
    #[error("{0}")]
    Forbidden(String),
    /// LiveKit could not be reached, or refused.
    #[error(transparent)]
    Upstream(#[from] LiveKitError),
    /// The store failed or is busy.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CoreError {
    /// Invalid input in `field`.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        CoreError::Invalid { field: Some(field.into()), message: message.into(), now: false }
    }

    /// `field` is well formed, but the current state of what it names refuses it.
    pub fn invalid_now(field: &str, message: impl Into<String>) -> Self {
        CoreError::Invalid { field: Some(field.into()), message: message.into(), now: true }
    }

    /// `what` (e.g. "egress eg_…") does not exist.
    pub fn not_found(what: impl std::fmt::Display) -> Self {
        CoreError::NotFound(what.to_string())
    }
}

pub type CoreResult<T> = Result<T, CoreError>;
