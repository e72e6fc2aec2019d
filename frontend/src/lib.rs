//! The browser side: wakes the islands of a server-rendered page
//! (`app::pages::islands`); nothing else of the app runs here.

#[allow(unused_imports)]
use app::*;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
