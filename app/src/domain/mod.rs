//! Domain types and rules: pure Rust, no I/O, compiled for the server and WASM.

pub mod audit;
pub mod data_use;
pub mod decision;
pub mod declarations;
pub mod glance;
pub mod identity_code;
pub mod listing;
pub mod notice;
pub mod records;
pub mod time;

pub use identity_code::{IdentityCode, IdentityCodeError};
pub use notice::{ConfirmationChannel, NoticeConfirmation, NoticeVersion};
