//! "Who can see my data, and why".

use leptos::prelude::*;

use super::*;

#[component]
pub fn PreviewPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        let q = query.get();
        (q.get("viewer"), q.get("situation"))
    });
    let page = Resource::new(
        move || (args.get(), locale),
        |((viewer, situation), locale)| preview_page(viewer, situation, locale),
    );
    view! {
        <PageTitle title=t.preview_title />
        <h1>{t.preview_title}</h1>
        <DataUseNav current="/data-use/preview" />
        <p class="lead">{t.preview_intro}</p>
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <PreviewResult page=p /> }.into_any(),
                    Err(e @ crate::error::AppError::BadForm(_)) => {
                        view! {
                            <ErrorSummary error=e />
                            <p>
                                <a href="/data-use/preview">{t.preview_choose}</a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PreviewResult(page: PreviewView) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let chosen = page.viewer.clone();
    let situations = [
        ("treatment", t.situation_treatment),
        ("emergency", t.situation_emergency),
        ("handling_renewal", t.situation_handling_renewal),
        ("prescribing_cns", t.situation_prescribing_cns),
    ];
    let current = page.situation.clone();
    view! {
        <form class="filters" method="get" action="/data-use/preview" aria-label=t.preview_title>
            <div class="filters__fields">
                <div class="field">
                    <label for="preview-viewer">{t.preview_viewer}</label>
                    <select id="preview-viewer" name="viewer">
                        <option value="">{t.preview_choose}</option>
                        {choice_options(page.viewer_choices, chosen.as_deref())}
                    </select>
                </div>
                <fieldset class="field">
                    <legend>{t.preview_situation}</legend>
                    {situations
                        .into_iter()
                        .map(|(value, label)| {
                            let id = format!("situation-{value}");
                            view! {
                                <CheckRow kind=Check::Radio id=id name="situation" value=value checked=current == value>
                                    {label}
                                </CheckRow>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </div>
            <div class="filters__actions">
                <button type="submit" class="button">
                    {t.preview_show}
                </button>
            </div>
        </form>
        {chosen
            .is_some()
            .then(|| {
                if page.rows.is_empty() {
                    view! { <p class="empty-state">{t.preview_nothing}</p> }.into_any()
                } else {
                    let counts = page
                        .counts
                        .into_iter()
                        .map(|c| Row::new(vec![c.register.into_any(), c.visible.into_any(), c.hidden.into_any()]))
                        .collect();
                    let rows = page
                        .rows
                        .into_iter()
                        .map(|r| {
                            let (word, class) = if r.visible {
                                (t.decision_visible, "badge badge--ok")
                            } else {
                                (t.decision_hidden, "badge badge--muted")
                            };
                            Row::marked(
                                r.visible,
                                vec![
                                    r.label.into_any(),
                                    locale.date(r.date).into_any(),
                                    r.register.into_any(),
                                    view! { <span class=class>{word}</span> }.into_any(),
                                    r.reason.into_any(),
                                ],
                            )
                        })
                        .collect();
                    view! {
                        <h2>{t.preview_counts_heading}</h2>
                        <div class="table-scroll">
                            <StackedTable
                                testid="preview-counts"
                                columns=vec![t.col_register, t.col_visible, t.col_hidden]
                                rows=counts
                                row_headers=true
                            />
                        </div>
                        <h2>{t.preview_items_heading}</h2>
                        <div class="table-scroll">
                            <StackedTable
                                testid="preview"
                                columns=vec![t.col_item, t.col_date, t.col_register, t.col_decision, t.col_reason]
                                rows
                                mark="data-visible"
                                row_testid="preview-row"
                            />
                        </div>
                    }
                        .into_any()
                }
            })}
    }
}
