//! One row of a choice: a radio button or a checkbox with its label (the
//! stylesheet's `.checkbox`), the label tied to its input by the id.

use leptos::prelude::*;

/// One choice of several (`Radio`) or a box of its own (`Box`).
#[derive(Clone, Copy)]
pub enum Check {
    Radio,
    Box,
}

#[component]
pub fn CheckRow(
    kind: Check,
    #[prop(into)] id: String,
    name: &'static str,
    #[prop(into)] value: String,
    #[prop(optional)] checked: bool,
    children: Children,
) -> impl IntoView {
    let kind = match kind {
        Check::Radio => "radio",
        Check::Box => "checkbox",
    };
    view! {
        <div class="checkbox">
            <input type=kind id=id.clone() name=name value=value checked=checked />
            <label for=id>{children()}</label>
        </div>
    }
}
