//! Whose data a page speaks of: the citizen's own in the second person
//! ("your prescriptions"), someone they act for by name, in the third
//! ("Sofia Laine's prescriptions").

use leptos::prelude::*;

use super::layout::use_session_citizen;

/// `own` for the citizen's own data; `other` of the name while acting for someone.
#[component]
pub fn SubjectText(own: &'static str, other: fn(&str) -> String) -> impl IntoView {
    let citizen = use_session_citizen();
    view! {
        <Suspense fallback=move || {
            own
        }>
            {move || Suspend::new(async move {
                match citizen.await.ok().flatten().and_then(|c| c.acting_for) {
                    Some(acting) => other(&acting.name),
                    None => own.to_string(),
                }
            })}
        </Suspense>
    }
}
