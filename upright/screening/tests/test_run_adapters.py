"""Starting, following and resuming screening runs from the command line, the staff pages
and the API. The jobs are only queued here (the database backend, no worker): working them is
tested in test_run_jobs."""

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.test import Client
from django_tasks_db.models import DBTaskResult

from upright.access.roles import Role
from upright.audit.models import AuditEvent
from upright.cli import translate
from upright.screening.models import RunStatus, ScreeningRun
from upright.screening.services import screening_run_create

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                              "QUEUES": ["default", "screening"]}}


@pytest.fixture(autouse=True)
def _database_tasks(settings: Any) -> None:
    settings.TASKS = DATABASE_TASKS


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _failed(index_root: Path, **fields: Any) -> ScreeningRun:
    run = screening_run_create(actor=None, index_folder=str(index_root / "nov"),
                               out_dir=str(index_root.parent / "out"))
    ScreeningRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error="Killed.",
                                                  **fields)
    return ScreeningRun.objects.get(pk=run.pk)


def test_upright_worker_is_the_worker_command() -> None:
    known = set(get_commands())
    assert "worker" in known
    assert translate(["worker", "--batch"], known) == ["worker", "--batch"]
    assert translate(["screen", "resume", "7"], known) == ["screen_resume", "7"]


def test_screen_run_background_queues_the_run(index_root: Path, tmp_path: Path,
                                              django_capture_on_commit_callbacks: Any) -> None:
    stdout = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("screen_run", "--index", str(index_root / "nov"), "--out",
                     str(tmp_path / "out"), "--review", "12", "--background", stdout=stdout)

    run = ScreeningRun.objects.get()
    assert stdout.getvalue().startswith(f"Queued run {run.pk}: `upright worker` works it.")
    assert (run.status, run.out_dir, run.workforce_source) == (
        "queued", str((tmp_path / "out").resolve()), "people")
    assert {k: run.parameters[k] for k in ("threshold_weight", "review_weight", "model_path",
                                           "memory_limit", "on_disk")} == {
        "threshold_weight": None, "review_weight": 12.0, "model_path": None,
        "memory_limit": None, "on_disk": False}
    assert DBTaskResult.objects.get().args_kwargs["kwargs"] == {"run_id": run.pk, "attempt": 1}
    assert not (tmp_path / "out").exists()


def test_screen_run_background_refuses_a_folder_that_is_not_an_extract(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=f"index_folder: {tmp_path} is not an extract"):
        call_command("screen_run", "--index", str(tmp_path), "--out", str(tmp_path / "o"),
                     "--background", stdout=io.StringIO())
    with pytest.raises(CommandError, match="cannot be used with --no-record"):
        call_command("screen_run", "--index", str(tmp_path), "--out", str(tmp_path / "o"),
                     "--background", "--no-record", stdout=io.StringIO())
    assert ScreeningRun.objects.count() == 0


def test_screen_resume_queues_a_failed_run_again(
        index_root: Path, django_capture_on_commit_callbacks: Any) -> None:
    run = _failed(index_root)
    stdout = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("screen_resume", str(run.pk), stdout=stdout)
    assert stdout.getvalue() == (
        f"Run {run.pk} queued again (attempt 2); `upright worker` works it.\n")
    run.refresh_from_db()
    assert (run.status, run.attempts, run.error) == ("queued", 2, "")
    assert DBTaskResult.objects.get().args_kwargs["kwargs"] == {"run_id": run.pk, "attempt": 2}
    with pytest.raises(CommandError, match="No such screening run"):
        call_command("screen_resume", "999999")


def test_screen_resume_says_which_inputs_changed(index_root: Path) -> None:
    run = _failed(index_root, input_checksums={"persons.parquet": "0" * 64})
    with pytest.raises(CommandError, match=r"\(changed: persons.parquet; new: .*addresses.parquet"):
        call_command("screen_resume", str(run.pk))
    run.refresh_from_db()
    assert (run.status, run.attempts) == ("failed", 1)


def test_analyst_starts_a_run_from_the_runs_page(
        make_user: Any, index_root: Path, django_capture_on_commit_callbacks: Any) -> None:
    analyst = make_user(Role.ANALYST)
    client = _client(analyst)
    page = client.get("/staff/screening/runs/")
    assert page.status_code == 200
    assert b'<option value="nov">nov</option>' in page.content

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/staff/screening/runs/start/",
                               {"index_folder": "nov", "threshold_weight": "18"})

    run = ScreeningRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/screening/runs/{run.pk}/"
    assert (run.started_by, run.parameters) == (analyst, {"threshold_weight": 18.0})
    assert DBTaskResult.objects.count() == 1
    detail = client.get(f"/staff/screening/runs/{run.pk}/")
    assert b'<meta http-equiv="refresh" content="10">' in detail.content
    assert b"Queued" in detail.content
    assert b'value="0"' in detail.content  # the progress bar
    assert b'<meta http-equiv="refresh"' not in client.get(
        f"/staff/screening/runs/{run.pk}/?norefresh=1").content


def test_a_bad_start_is_shown_on_the_form(make_user: Any, index_root: Path) -> None:
    client = _client(make_user(Role.ANALYST))
    response = client.post("/staff/screening/runs/start/",
                           {"index_folder": "nov", "threshold_weight": "5", "review_weight": "8"})
    assert response.status_code == 400
    assert b"The review weight must not exceed the threshold weight." in response.content
    assert ScreeningRun.objects.count() == 0


def test_analyst_resumes_a_failed_run_from_its_page(
        make_user: Any, index_root: Path, django_capture_on_commit_callbacks: Any) -> None:
    run = _failed(index_root)
    client = _client(make_user(Role.ANALYST))
    page = client.get(f"/staff/screening/runs/{run.pk}/")
    assert b"Resume the run" in page.content
    assert b"Killed." in page.content
    assert b'<meta http-equiv="refresh"' not in page.content

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/screening/runs/{run.pk}/resume/")

    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.status, run.attempts) == ("queued", 2)
    assert b"queued again (attempt 2)" in client.get(response["Location"]).content


def test_a_refused_resume_is_explained_on_the_page(make_user: Any, index_root: Path) -> None:
    run = _failed(index_root, input_checksums={"persons.parquet": "0" * 64})
    client = _client(make_user(Role.ANALYST))
    response = client.post(f"/staff/screening/runs/{run.pk}/resume/", follow=True)
    assert b"its inputs are no longer the ones it started with" in response.content
    run.refresh_from_db()
    assert (run.status, run.attempts) == ("failed", 1)


@pytest.mark.parametrize("role", [Role.VETTING_OFFICER, Role.APPROPRIATE_AUTHORITY])
def test_who_may_see_runs_but_not_start_or_resume_them(
        role: str, make_user: Any, index_root: Path) -> None:
    run = _failed(index_root)
    before = AuditEvent.objects.count()
    client = _client(make_user(role))
    assert b"Start the run" not in client.get("/staff/screening/runs/").content
    assert b"Resume the run" not in client.get(f"/staff/screening/runs/{run.pk}/").content
    assert client.post("/staff/screening/runs/start/", {"index_folder": "nov"}).status_code == 403
    assert client.post(f"/staff/screening/runs/{run.pk}/resume/").status_code == 403
    run.refresh_from_db()
    assert (run.status, run.attempts, ScreeningRun.objects.count()) == ("failed", 1, 1)
    assert AuditEvent.objects.count() == before


def test_staff_without_screening_access_see_no_run(make_user: Any, index_root: Path) -> None:
    run = _failed(index_root)
    client = _client(make_user(Role.ASSESSOR))
    assert client.get(f"/staff/screening/runs/{run.pk}/").status_code == 403
    assert client.post(f"/staff/screening/runs/{run.pk}/resume/").status_code == 403


def test_api_starts_reads_and_resumes_runs(
        api_as: Any, index_root: Path, django_capture_on_commit_callbacks: Any) -> None:
    client = api_as(Role.ANALYST)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post("/api/v1/screening/runs", {"index_folder": "nov",
                                                          "review_weight": 12}, format="json")
    assert started.status_code == 202
    body = started.json()
    assert (body["status"], body["progress"], body["attempts"], body["parameters"]) == (
        "queued", 0, 1, {"review_weight": 12.0})
    assert body["resumable"] is False
    assert "waiting for a worker" in body["resume_refusal"]

    read = client.get(f"/api/v1/screening/runs/{body['id']}").json()
    assert (read["id"], read["status"], read["started_by"]) == (body["id"], "queued",
                                                                client.user.username)
    assert [r["id"] for r in client.get("/api/v1/screening/runs").json()] == [body["id"]]

    ScreeningRun.objects.filter(pk=body["id"]).update(status=RunStatus.FAILED, error="Killed.")
    with django_capture_on_commit_callbacks(execute=True):
        resumed = client.post(f"/api/v1/screening/runs/{body['id']}/resume")
    assert resumed.status_code == 202
    assert (resumed.json()["status"], resumed.json()["attempts"]) == ("queued", 2)
    assert DBTaskResult.objects.count() == 2


def test_api_errors_have_the_one_shape(api_as: Any, index_root: Path) -> None:
    client = api_as(Role.ANALYST)
    bad = client.post("/api/v1/screening/runs", {"index_folder": "elsewhere"}, format="json")
    assert bad.status_code == 400
    assert bad.json() == {"message": "Some fields are not valid.", "extra": {"fields": {
        "index_folder": f"Choose one of the extract folders under {index_root}: nov."}}}

    done = _failed(index_root)
    ScreeningRun.objects.filter(pk=done.pk).update(status=RunStatus.DONE)
    conflict = client.post(f"/api/v1/screening/runs/{done.pk}/resume")
    assert conflict.status_code == 409
    assert conflict.json() == {"message": f"Run {done.pk} is done: there is nothing to resume.",
                               "extra": {"status": "done", "allowed_actions": []}}

    changed = _failed(index_root, input_checksums={"persons.parquet": "0" * 64})
    refused = client.post(f"/api/v1/screening/runs/{changed.pk}/resume")
    assert refused.status_code == 409
    assert refused.json()["extra"]["changed"] == ["persons.parquet"]

    officer = api_as(Role.VETTING_OFFICER)
    assert officer.post("/api/v1/screening/runs", {"index_folder": "nov"},
                        format="json").status_code == 403
    assert officer.post(f"/api/v1/screening/runs/{changed.pk}/resume").status_code == 403
    assert api_as(Role.ASSESSOR).get(f"/api/v1/screening/runs/{changed.pk}").status_code == 404
    assert api_as(Role.ASSESSOR).get("/api/v1/screening/runs").json() == []


def test_schema_documents_the_run_endpoints(api_as: Any) -> None:
    paths = api_as(Role.ANALYST).get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    assert set(paths["/api/v1/screening/runs"]) == {"get", "post"}
    assert set(paths["/api/v1/screening/runs/{run_id}"]) == {"get"}
    assert set(paths["/api/v1/screening/runs/{run_id}/resume"]) == {"post"}
