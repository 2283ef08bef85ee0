package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"runtime/debug"

	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// jobRun is what a background job reports through.
type jobRun struct {
	s   *Server
	job *store.Job
	ctx context.Context
}

// Progress records done of total with a short message (written at most a few
// times a second by callers that loop fast).
func (r *jobRun) Progress(done, total int, message string) {
	if err := r.s.store.UpdateJobProgress(r.ctx, r.job.ID, done, total, message); err != nil {
		r.s.log.Warn("job progress", "job", r.job.ID, "err", err)
	}
}

// startJob records a job and runs fn in the background on this instance.
// Progress and the result live in the database, so the job's page shows them
// on any instance and after a reload. fn's outcome is stored when it returns;
// a panic is caught and stored as a failure.
func (s *Server) startJob(kind, title string, owner *store.User, total int, fn func(r *jobRun) (store.JobOutcome, error)) (*store.Job, error) {
	ctx := context.WithoutCancel(context.Background())
	job, err := s.store.CreateJob(ctx, kind, title, owner.ID, total)
	if err != nil {
		return nil, err
	}
	go func() {
		out, err := func() (out store.JobOutcome, err error) {
			defer func() {
				if p := recover(); p != nil {
					s.log.Error("job panicked", "job", job.ID, "panic", p, "stack", string(debug.Stack()))
					err = fmt.Errorf("任务异常终止")
				}
			}()
			return fn(&jobRun{s: s, job: job, ctx: ctx})
		}()
		if err != nil {
			out = store.JobOutcome{Failed: true, Message: "任务失败：" + err.Error(), Report: out.Report}
		}
		if ferr := s.store.FinishJob(ctx, job.ID, out); ferr != nil {
			s.log.Error("finish job", "job", job.ID, "err", ferr)
		}
	}()
	return job, nil
}

// loadJob returns a job its viewer may see: their own, or any for the office.
func (s *Server) loadJob(c echo.Context) (*store.Job, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return nil, err
	}
	job, err := s.store.FindJobByID(c.Request().Context(), id)
	if err != nil {
		return nil, err
	}
	if u := currentUser(c); job.OwnerID != u.ID && u.Role != store.RoleOffice {
		return nil, errNotFound
	}
	return job, nil
}

type jobPage struct {
	Job     *store.Job
	Stalled bool
	Report  *jobReport
}

// jobReport is what a job's page shows when it ends: a summary and a table
// (e.g. the rows an import refused and why). It never holds secrets.
type jobReport struct {
	Summary string     `json:"summary"`
	Columns []string   `json:"columns"`
	Rows    [][]string `json:"rows"`
}

// encode renders the report for storage.
func (r jobReport) encode() string {
	b, err := json.Marshal(r)
	if err != nil {
		return ""
	}
	return string(b)
}

func (s *Server) handleJobShow(c echo.Context) error {
	job, err := s.loadJob(c)
	if err != nil {
		return err
	}
	p := jobPage{Job: job, Stalled: job.Stalled(s.now())}
	if job.Report != "" {
		p.Report = &jobReport{}
		if err := json.Unmarshal([]byte(job.Report), p.Report); err != nil {
			return fmt.Errorf("decode report of job %d: %w", job.ID, err)
		}
	}
	if wantsJSON(c) {
		return c.JSON(http.StatusOK, map[string]any{"status": job.Status, "done": job.Done, "total": job.Total,
			"percent": job.Percent(), "message": job.Message, "result": job.HasResult()})
	}
	if job.Status == store.JobRunning && !p.Stalled {
		// Browsers reload a page with a Refresh header: progress without script.
		c.Response().Header().Set("Refresh", "3")
	}
	return s.render(c, http.StatusOK, "job.html", job.Title, p)
}

// handleJobResult hands out a job's result file, once.
func (s *Server) handleJobResult(c echo.Context) error {
	job, err := s.loadJob(c)
	if err != nil {
		return err
	}
	if job.OwnerID != currentUser(c).ID {
		return errNotFound // results may hold secrets meant for the one who asked
	}
	name, ctype, data, err := s.store.TakeJobResult(c.Request().Context(), job.ID)
	if errors.Is(err, store.ErrNotFound) {
		return echo.NewHTTPError(http.StatusGone, "结果文件已经下载过（为安全起见只能下载一次），或任务没有结果文件。")
	}
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, ctype, data)
}
