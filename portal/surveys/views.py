"""The surveys' pages: the listing, a survey, an office's answers, the results and the CSVs.

Views below a survey page are given the page the reader asked for (perhaps a translation)
and work on its ``original``, which questions and responses belong to. Visitors never get
this far (the index's view restriction sends them to sign in); a member who may not see
something gets a 404. Every answer is ``private, no-store``: what a member reads depends on
who they are.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.decorators import members_refusal
from network.models import OfficePage
from network.permissions import is_secretariat
from portal.charts import bar_chart
from portal.exports import csv_response
from portal.surveys import permissions, selectors, services
from portal.surveys.forms import ResultsFilterForm, survey_form_class
from portal.surveys.models import (
    CHOICE_KINDS,
    RESULTS_THRESHOLD,
    SurveyIndexPage,
    SurveyPage,
    SurveyQuestion,
    SurveyResponse,
)

PRIVATE = "private, no-store"


def _render(request, page, context: dict, status: int = 200):
    request.is_preview = getattr(request, "is_preview", False)
    response = page.render(request, context_overrides=context)
    response.status_code = status
    response["Cache-Control"] = PRIVATE
    return response


def _template(request, page, template: str, context: dict, status: int = 200):
    context = {"page": page, "self": page, **context}
    response = TemplateResponse(request, template, context, status=status)
    response["Cache-Control"] = PRIVATE
    return response


def index_page(request, index: SurveyIndexPage):
    return _render(request, index, {"surveys": selectors.surveys_for(index)})


def _readable(request, page: SurveyPage) -> SurveyPage:
    survey = page.original
    if not permissions.can_read(request.user, survey):
        raise Http404
    return survey


def survey_page(request, page: SurveyPage):
    if page.pk is None:
        return _render(request, page, {"sections": selectors.in_sections(page.questions.all())})
    if refusal := members_refusal(request):
        return refusal
    survey = _readable(request, page)
    office_ids = permissions.answering_office_ids(request.user, survey)
    responses = selectors.responses_by_office(survey, office_ids)
    own = [(office, responses.get(office.pk)) for office in selectors.offices_by_id(office_ids)]
    secretariat = is_secretariat(request.user)
    return _render(
        request,
        page,
        {
            "sections": selectors.in_sections(selectors.questions_as_shown(page)),
            "own_responses": own,
            "all_responses": list(
                SurveyResponse.objects.filter(survey=survey).select_related("office")
            )
            if secretariat
            else None,
        },
    )


def _office(code: str) -> OfficePage:
    office = OfficePage.objects.originals().filter(code=code.upper()).first()
    if office is None:
        raise Http404
    return office


def answer(request, page: SurveyPage, code: str):
    """An office's answers: the form while a draft, read-only once submitted."""
    if refusal := members_refusal(request):
        return refusal
    survey = _readable(request, page)
    office = _office(code)
    if not permissions.can_answer_for(request.user, survey, office):
        raise Http404
    questions = selectors.questions_as_shown(page)
    response = SurveyResponse.objects.filter(survey=survey, office=office).first()
    context = {"office": office, "response": response}
    if response is not None and response.is_submitted or not survey.is_open:
        context["sections"] = _answered(questions, response.answers if response else {})
        return _template(request, page, "surveys/answers.html", context)
    if request.method != "POST":
        form = survey_form_class(questions, draft=True)(
            initial=response.answers if response else {}
        )
        context.update(form=form, sections=_form_sections(questions, form))
        return _template(request, page, "surveys/answer_form.html", context)
    submit = "submit" in request.POST
    form = survey_form_class(questions, draft=not submit)(request.POST)
    if form.is_valid():
        try:
            services.response_save(
                survey=survey,
                office=office,
                user=request.user,
                answers=form.answers(),
                submit=submit,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if submit:
                messages.success(request, _("Your office's response has been submitted."))
            else:
                messages.success(request, _("Your draft has been saved."))
            return redirect(page.route_url("answer", office.code))
    context.update(form=form, sections=_form_sections(questions, form))
    return _template(request, page, "surveys/answer_form.html", context, status=400)


def _form_sections(questions, form) -> list:
    """Each question with its field, under its section heading."""
    items = [(q, None if q.is_section else form[q.clean_name]) for q in questions]
    return selectors.in_sections(items, question=lambda item: item[0])


def _answered(questions, answers: dict) -> list:
    """Each question with its answer as a list of values, under its section heading."""
    items = []
    for question in questions:
        value = answers.get(question.clean_name)
        values = value if isinstance(value, list) else [] if value in (None, "") else [value]
        if question.field_type in CHOICE_KINDS:
            values = [question.choice_label(v) for v in values]
        items.append((question, values))
    return selectors.in_sections(items, question=lambda item: item[0])


@require_POST
def reopen(request, page: SurveyPage, code: str):
    if refusal := members_refusal(request):
        return refusal
    survey = _readable(request, page)
    if not permissions.can_reopen(request.user, survey):
        raise Http404
    response = SurveyResponse.objects.filter(survey=survey, office=_office(code)).first()
    if response is None:
        raise Http404
    services.response_reopen(response=response, user=request.user)
    messages.success(request, _("The response is open again for its office."))
    return redirect(page.url)


def _results(request, page: SurveyPage):
    """The filters, the results the reader may see (None below the threshold) and how
    many offices the filters count, in the words of ``page``'s language; a 400 for
    filters that make no sense."""
    survey = page.original
    filters = ResultsFilterForm(request.GET or None)
    if filters.is_bound and not filters.is_valid():
        return filters, None, 0, 400
    office_filter = filters.office_filter() if filters.is_bound else {}
    found = selectors.results(survey, selectors.questions_as_shown(page), office_filter)
    if not permissions.can_read_results(request.user, survey, found.responding):
        return filters, None, found.responding, 200
    return filters, found, found.responding, 200


def results(request, page: SurveyPage):
    if refusal := members_refusal(request):
        return refusal
    _readable(request, page)
    filters, found, responding, status = _results(request, page)
    context = {
        "filters": filters,
        "results": found,
        "responding": responding,
        "threshold": RESULTS_THRESHOLD,
        "items": _with_charts(found) if found else [],
        "query": request.GET.urlencode() if status == 200 else "",
    }
    return _template(request, page, "surveys/results.html", context, status=status)


def _with_charts(found) -> list:
    """Each result with its chart (none for free text), the section headings between."""
    items = []
    for number, item in enumerate(found.questions, start=1):
        if isinstance(item, SurveyQuestion):
            items.append((item, None))
            continue
        bars = [(bar.label, bar.value) for bar in item.bars]
        chart = None
        if bars:
            chart = bar_chart(
                f"result-{number}-chart",
                bars,
                title=item.question.label,
                desc=_("The same numbers are in the table that follows."),
                legend=item.value_label,
            )
        items.append((item, chart))
    return items


def results_csv(request, page: SurveyPage):
    """The results' figures (the charts' numbers), to whoever may read the results."""
    if refusal := members_refusal(request):
        return refusal
    survey = _readable(request, page)
    _filters, found, _responding, status = _results(request, page)
    if status != 200:
        return HttpResponseBadRequest(_("These filters are not valid."))
    if found is None:
        raise Http404
    response = csv_response(selectors.results_rows(found), f"results-{survey.slug}.csv")
    response["Cache-Control"] = PRIVATE
    return response


def responses_csv(request, page: SurveyPage):
    """Every office's answers, by office: the secretariat only."""
    if refusal := members_refusal(request):
        return refusal
    survey = _readable(request, page)
    if not permissions.can_export_responses(request.user, survey):
        raise Http404
    rows = selectors.export_rows(survey, selectors.questions_of(survey))
    response = csv_response(rows, f"responses-{survey.slug}.csv")
    response["Cache-Control"] = PRIVATE
    return response
