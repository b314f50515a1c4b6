import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../../test/database.ts";
import { createApp, createTestDeps } from "../../../../test/deps.ts";
import { signedInClient, type TestClient } from "../../../../test/http.ts";
import type { Deps } from "../../../compose.ts";
import { recentWorkerChecks, runWorkerCheck, WORKER_CHECK_JOB } from "../../../modules/system/index.ts";

describeEachEngine("admin jobs", (engine) => {
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let staff: TestClient;
  let admin: TestClient;
  beforeAll(async () => {
    // No worker runs here: the tests play the worker's part, or leave its absence visible.
    deps = await createTestDeps(engine);
    app = createApp(deps);
    staff = (await signedInClient(app, deps, "staff")).client;
    admin = (await signedInClient(app, deps, "admin")).client;
  });
  afterAll(async () => {
    await deps?.close();
  });

  /** A job that has failed for good: no retries left, so pg-boss moves it to failed at once. */
  async function failedJob(message: string) {
    const id = await deps.jobs.boss.send(
      WORKER_CHECK_JOB,
      { checkId: "0190a000-0000-7000-8000-000000000000" },
      { retryLimit: 0 },
    );
    if (!id) throw new Error("job not queued");
    await deps.jobs.boss.fail(WORKER_CHECK_JOB, id, { message });
    return id;
  }

  it("sends a worker check, shows it waiting, then completed once a worker ran it", async () => {
    const res = await staff.postForm("/admin/jobs/worker-check", {}, { csrfFrom: "/admin/jobs" });
    expect(res.status).toBe(303);
    let html = await (await staff.get("/admin/jobs")).text();
    expect(html).toContain("A check has been sent.");
    expect(html).toContain("<caption>Recent worker checks, newest first</caption>");
    expect(html).toContain("Waiting for a worker");
    expect(html).toMatch(/<code>system\.worker-check<\/code><\/td><td>1<\/td>/); // queued, no worker yet

    const [check] = await recentWorkerChecks(deps.db);
    if (!check) throw new Error("no check recorded");
    await runWorkerCheck(deps.db, deps.clock, check.id);
    html = await (await staff.get("/admin/jobs")).text();
    expect(html).toContain("Completed by a worker");
    expect(html).toContain(`<td>${process.pid}</td>`);
  });

  it("warns when a check has waited more than a minute", async () => {
    await staff.postForm("/admin/jobs/worker-check", {}, { csrfFrom: "/admin/jobs" });
    const later = createApp({ ...deps, clock: { now: () => new Date(Date.now() + 5 * 60_000) } });
    const client = (await signedInClient(later, deps, "staff")).client;
    expect(await (await client.get("/admin/jobs")).text()).toContain(
      "Not completed after a minute: is a worker process running?",
    );
  });

  it("lists a failed job with its error and attempts; staff see it but cannot retry", async () => {
    const id = await failedJob("mail server said no");
    const html = await (await staff.get("/admin/jobs")).text();
    expect(html).toContain("<caption>Failed jobs, newest first</caption>");
    expect(html).toMatch(/<td><code>system\.worker-check<\/code><\/td><td>mail server said no<\/td><td>1<\/td>/);
    expect(html).toContain("Only administrators can retry jobs.");
    expect(html).not.toContain(`value="${id}"`);
    expect((await staff.postForm("/admin/jobs/retry", { name: WORKER_CHECK_JOB, id }, { csrfFrom: "/admin/jobs" })).status).toBe(
      403,
    );
    expect((await deps.jobs.failed()).map((j) => j.id)).toContain(id);
    expect(await (await staff.get("/admin")).text()).toMatch(/Failed jobs<\/dt><dd><a href="\/admin\/jobs#failed-jobs">1<\/a>/);
  });

  it("lets an administrator retry a failed job, which queues it again", async () => {
    const [job] = await deps.jobs.failed();
    if (!job) throw new Error("no failed job");
    const page = await (await admin.get("/admin/jobs")).text();
    expect(page).toContain(`<input type="hidden" name="id" value="${job.id}"/>`);

    const res = await admin.postForm("/admin/jobs/retry", { name: job.name, id: job.id }, { csrfFrom: "/admin/jobs" });
    expect(res.status).toBe(303);
    expect(await deps.jobs.failed()).toEqual([]);
    const queue = (await deps.jobs.counts()).find((q) => q.name === WORKER_CHECK_JOB);
    expect(queue).toMatchObject({ failed: 0 });
    const html = await (await admin.get("/admin/jobs")).text();
    expect(html).toContain("The job is queued again.");
    expect(html).toContain("No job has failed.");

    // Pressing Retry a second time is harmless and says why nothing happened.
    await admin.postForm("/admin/jobs/retry", { name: job.name, id: job.id }, { csrfFrom: "/admin/jobs" });
    expect(await (await admin.get("/admin/jobs")).text()).toContain("That job is not waiting for a retry any more.");
  });
});
