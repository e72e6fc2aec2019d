//! A new denial, step by step, each step a GET form that works without
//! JavaScript: what to deny (on Management of Data Use), which one and
//! whether it holds in an emergency, then its consequences in words and the
//! button that sets it.

use leptos::prelude::*;

use super::*;

/// Where in the steps of a new denial a page is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DenialStep {
    What,
    Which,
    Confirm,
}

/// The steps, the current one marked (`aria-current="step"`).
#[component]
fn DenialSteps(current: DenialStep) -> impl IntoView {
    let t = use_texts();
    let steps = [
        (DenialStep::What, t.denial_step_what),
        (DenialStep::Which, t.denial_step_which),
        (DenialStep::Confirm, t.denial_step_confirm),
    ];
    view! {
        <ol class="steps" aria-label=t.denial_steps_label data-testid="denial-steps">
            {steps
                .into_iter()
                .map(|(step, label)| view! { <li aria-current=(step == current).then_some("step")>{label}</li> })
                .collect_view()}
        </ol>
    }
}

/// The kinds of denial the citizen can set now, in the order offered.
fn offered_kinds(page: &DataUseView) -> Vec<DenialKind> {
    let mut kinds = Vec::new();
    if !page.event_choices.is_empty() {
        kinds.push(DenialKind::ServiceEvent);
    }
    if !page.register_choices.is_empty() {
        kinds.push(DenialKind::Register);
    }
    if !page.prescription_choices.is_empty() {
        kinds.push(DenialKind::Prescription);
    }
    kinds.push(DenialKind::Comprehensive);
    if page.has_uusimaa_data {
        kinds.push(DenialKind::Uusimaa);
    }
    kinds
}

fn kind_label(t: &'static crate::i18n::Texts, kind: DenialKind) -> &'static str {
    match kind {
        DenialKind::ServiceEvent => t.denial_kind_event,
        DenialKind::Register | DenialKind::Provider => t.denial_kind_register,
        DenialKind::Prescription => t.denial_kind_prescription,
        DenialKind::Comprehensive => t.denial_kind_comprehensive,
        DenialKind::Uusimaa => t.denial_kind_uusimaa,
    }
}

/// What can be chosen for a denial of `kind`.
fn choices_for(t: &'static crate::i18n::Texts, kind: DenialKind, page: &DataUseView) -> Vec<Choice> {
    match kind {
        DenialKind::ServiceEvent => page.event_choices.clone(),
        DenialKind::Register | DenialKind::Provider => page.register_choices.clone(),
        DenialKind::Prescription => page.prescription_choices.clone(),
        DenialKind::Comprehensive => {
            Sector::ALL.iter().map(|s| Choice { value: s.as_str().into(), label: t.consent_title(*s).into() }).collect()
        }
        DenialKind::Uusimaa => Vec::new(),
    }
}

/// The first step, on Management of Data Use: what to deny.
#[component]
pub fn DenialKindForm(page: DataUseView) -> impl IntoView {
    let t = use_texts();
    view! {
        <form class="new-denial" method="get" action="/data-use/denials/new" data-testid="new-denial">
            <fieldset>
                <legend>{t.new_denial_kind}</legend>
                {offered_kinds(&page)
                    .into_iter()
                    .enumerate()
                    .map(|(i, kind)| {
                        view! {
                            <CheckRow
                                kind=Check::Radio
                                id=format!("denial-kind-{}", kind.as_str())
                                name="kind"
                                value=kind.as_str()
                                checked=i == 0
                            >
                                {kind_label(t, kind)}
                            </CheckRow>
                        }
                    })
                    .collect_view()}
                <button type="submit" class="button button--secondary">
                    {t.new_denial_continue}
                </button>
            </fieldset>
        </form>
    }
}

/// The second step: which one, and whether it holds in an emergency. A
/// denial of the Uusimaa rule has neither, and goes straight to the last.
#[component]
fn DenialWhichStep(kind: DenialKind) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let page = Resource::new(move || locale, data_use_page);
    view! {
        <PageTitle title=t.new_denial_heading />
        <h1>{t.new_denial_heading}</h1>
        <DenialSteps current=DenialStep::Which />
        {loaded(
            page,
            move |page| {
                let may = page.form_key.is_some() && page.child_name.is_none();
                let choices = choices_for(t, kind, &page);
                if !may {
                    let why = if page.child_name.is_some() { t.err_own_denials } else { t.err_agent_declares };
                    // A guardian (for a child) or someone with an e-authorisation.
                    view! {
                        <p class="callout" data-testid="denials-own-matter">
                            {why}
                        </p>
                    }
                        .into_any()
                } else if choices.is_empty() {
                    view! { <EmptyState text=t.denial_nothing_to_choose /> }.into_any()
                } else {
                    view! { <NewDenialForm kind legend=kind_label(t, kind) choices /> }.into_any()
                }
            },
        )}
        <p>
            <a href="/data-use#du-denials">{t.confirm_denial_back}</a>
        </p>
    }
}

/// A new denial's page: the second step while nothing is chosen yet of a
/// kind that needs a choice, else the last (which also answers a kind or
/// a target that is not right, in words).
#[component]
pub fn DenialConfirmPage() -> impl IntoView {
    let query = use_query_map();
    let step = move || {
        let q = query.get();
        let kind = q.get("kind").as_deref().and_then(DenialKind::parse);
        match kind {
            Some(kind) if kind != DenialKind::Uusimaa && q.get("target").is_none() => Some(kind),
            _ => None,
        }
    };
    move || match step() {
        Some(kind) => view! { <DenialWhichStep kind /> }.into_any(),
        None => view! { <DenialConfirmStep /> }.into_any(),
    }
}

/// The first step of a new denial: a GET form to its confirmation page.
#[component]
fn NewDenialForm(kind: DenialKind, legend: &'static str, choices: Vec<Choice>) -> impl IntoView {
    let t = use_texts();
    let kind_value = kind.as_str();
    let select_id = format!("denial-{kind_value}-target");
    let emergency_id = format!("denial-{kind_value}-emergency");
    view! {
        <form
            class="new-denial"
            method="get"
            action="/data-use/denials/new"
            data-testid=format!("new-denial-{kind_value}")
        >
            <fieldset>
                <legend>{legend}</legend>
                <input type="hidden" name="kind" value=kind_value />
                {(kind == DenialKind::Register).then(|| view! { <p class="muted">{t.denial_register_explain}</p> })}
                {(!choices.is_empty())
                    .then(|| {
                        view! {
                            <div class="field">
                                <label for=select_id.clone()>{legend}</label>
                                <select id=select_id.clone() name="target">
                                    {choices
                                        .into_iter()
                                        .map(|c| view! { <option value=c.value>{c.label}</option> })
                                        .collect_view()}
                                </select>
                            </div>
                        }
                    })}
                // A prescription's emergency permission is one choice for all of them
                // (below); the Uusimaa denial never holds in an emergency (rule 6).
                {kind
                    .may_allow_emergency()
                    .then(|| {
                        view! {
                            <CheckRow kind=Check::Box id=emergency_id name="emergency" value="on">
                                {t.new_denial_emergency}
                            </CheckRow>
                        }
                    })}
                <button type="submit" class="button button--secondary">
                    {t.new_denial_continue}
                </button>
            </fieldset>
        </form>
    }
}

/// The last step of a denial: its consequence in plain words, and the
/// button that sets it.
#[component]
fn DenialConfirmStep() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        let q = query.get();
        (q.get("kind").unwrap_or_default(), q.get("target").unwrap_or_default(), q.get("emergency"))
    });
    let consequence = Resource::new(
        move || (args.get(), locale),
        |((kind, target, emergency), locale)| denial_consequence(kind, target, emergency, locale),
    );
    let set = ServerAction::<SetDenial>::new();
    view! {
        <PageTitle title=t.confirm_denial_title />
        <h1>{t.confirm_denial_title}</h1>
        <DenialSteps current=DenialStep::Confirm />
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match consequence.await {
                    Ok(c) => {
                        view! {
                            {move || {
                                set.value().get().and_then(Result::err).map(|e| view! { <ErrorSummary error=e /> })
                            }}
                            <p class="lead" data-testid="denial-what">
                                {(t.confirm_denial_what)(&c.description)}
                            </p>
                            <ul class="consequences" data-testid="consequences">
                                {c.consequences.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                            </ul>
                            <ActionForm action=set>
                                <input type="hidden" name="kind" value=c.kind />
                                <input type="hidden" name="target" value=c.target />
                                {c
                                    .allow_in_emergency
                                    .then(|| view! { <input type="hidden" name="emergency" value="on" /> })}
                                <input type="hidden" name="form_key" value=format!("{}-denial", c.form_key) />
                                <button type="submit" class="button">
                                    {t.confirm_denial_button}
                                </button>
                            </ActionForm>
                            <p>
                                <a href="/data-use">{t.confirm_denial_back}</a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(e) => {
                        view! {
                            <LoadError error=e />
                            <p>
                                <a href="/data-use">{t.back_to_data_use}</a>
                            </p>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
