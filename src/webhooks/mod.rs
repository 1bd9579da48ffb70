//! Webhook formats shared by the daemon and the CLI: how pulse signs what it delivers, how a
//! receiver verifies it, and how LiveKit signs what it sends to pulse.

pub mod livekit;
pub mod sender;
pub mod signing;
