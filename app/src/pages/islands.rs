//! The only parts of the portal that run in the browser (Leptos islands).
//!
//! Every page is rendered on the server, and every form is a plain HTML form
//! that works the same with and without JavaScript. An island is only where
//! the browser must act itself. A page loads the JavaScript and WASM only
//! when it renders an island: the island's wrapper adds the hydration
//! scripts, once per page, beside it.

use leptos::prelude::*;

use super::use_texts;

/// Prints the page. Without JavaScript the browser's own print is the way,
/// so the button shows only once its island has woken (the stylesheet hides
/// it until `<html data-hydrated>`).
#[component]
pub fn PrintButton() -> impl IntoView {
    let t = use_texts();
    view! {
        <Print label=t.print_button.to_string() />
        <IslandScripts />
    }
}

/// The print button's island. Its label comes from the server, so no
/// translation table goes into the WASM.
#[island]
fn Print(label: String) -> impl IntoView {
    Effect::new(|_| {
        // Also lets the end-to-end tests see that the island woke.
        #[cfg(feature = "hydrate")]
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = window().print();
        }
    };
    view! {
        <button type="button" class="button button--secondary print-button" on:click=print>
            {label}
        </button>
    }
}

/// Set by the shell for each page: whether the hydration scripts are in it yet.
#[derive(Clone, Default)]
pub struct IslandScriptsOnPage(std::sync::Arc<std::sync::atomic::AtomicBool>);

/// The scripts that load the WASM and wake the page's islands, the first
/// time an island's wrapper asks on a page (module scripts run after the
/// whole page is parsed, so their place in the body does not matter).
#[component]
fn IslandScripts() -> impl IntoView {
    let first = use_context::<IslandScriptsOnPage>()
        .is_some_and(|on_page| !on_page.0.swap(true, std::sync::atomic::Ordering::Relaxed));
    let options = use_context::<LeptosOptions>().filter(|_| first);
    options.map(|options| view! { <HydrationScripts options islands=true /> })
}
