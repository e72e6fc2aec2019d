//! Whose matters to handle: asked right after login of someone who may act
//! for others (as MyKanta asks), and offered from the menu on every page.

use leptos::prelude::*;

use super::home::PeopleToActFor;
use super::{use_texts, PageTitle};
use crate::api::acting::ActForSelf;

#[component]
pub fn WhosePage() -> impl IntoView {
    let t = use_texts();
    let own = ServerAction::<ActForSelf>::new();
    view! {
        <PageTitle title=t.whose_title />
        <h1>{t.whose_title}</h1>
        <section class="panel" aria-labelledby="whose-own" data-testid="whose-own">
            <h2 id="whose-own">{t.whose_own_heading}</h2>
            <ActionForm action=own>
                <button type="submit" class="button">
                    {t.whose_own_button}
                </button>
            </ActionForm>
        </section>
        <PeopleToActFor />
    }
}
