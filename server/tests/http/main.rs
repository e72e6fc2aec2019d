//! The portal through its real HTTP application, on SQLite (and on
//! PostgreSQL when `KANTA_TEST_DATABASE_URL` names a cluster): each test
//! spawns a `TestApp` and calls its pages and server functions as a
//! browser would. One test binary, so the server links once.

mod test_app;

mod access;
mod audit;
mod authorisation;
mod ending;
mod fuzz;
mod guardian;
mod identification;
mod laboratory;
mod plausibility;
mod renewals;
mod request;
mod role;
mod summary;
mod titles;
mod vaccinations;
mod wellbeing;
mod wills;
