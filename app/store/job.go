package store

import (
	"context"
	"fmt"
	"time"
)

// JobStatus is where a job is.
type JobStatus string

// Job statuses.
const (
	JobRunning JobStatus = "running"
	JobDone    JobStatus = "done"
	JobFailed  JobStatus = "failed"
)

// Job is a long-running piece of work with its progress and result.
type Job struct {
	ID          int64
	Kind        string
	Title       string
	OwnerID     int64
	Status      JobStatus
	Done        int
	Total       int
	Message     string
	Report      string // JSON the job's page renders (never secrets)
	ResultName  string
	ResultType  string
	Result      []byte `gorm:"->:false;<-"` // write-only through the model; read with JobResult
	ResultTaken bool
	CreatedAt   time.Time
	UpdatedAt   time.Time
	FinishedAt  *time.Time
}

// TableName binds Job to its table.
func (Job) TableName() string { return "jobs" }

// Percent is the progress in whole percent.
func (j *Job) Percent() int {
	switch {
	case j.Status == JobDone:
		return 100 // whatever the last progress report said
	case j.Total <= 0:
		return 0
	}
	return j.Done * 100 / j.Total
}

// HasResult reports whether a result file is waiting to be downloaded.
func (j *Job) HasResult() bool { return j.ResultName != "" && !j.ResultTaken }

// Stalled reports whether a running job stopped reporting progress, e.g.
// because the instance running it was stopped.
func (j *Job) Stalled(now time.Time) bool {
	return j.Status == JobRunning && now.Sub(j.UpdatedAt) > 2*time.Minute
}

// CreateJob records a new running job.
func (s *Store) CreateJob(ctx context.Context, kind, title string, ownerID int64, total int) (*Job, error) {
	j := &Job{Kind: kind, Title: title, OwnerID: ownerID, Status: JobRunning, Total: total}
	if err := s.conn(ctx).Create(j).Error; err != nil {
		return nil, fmt.Errorf("create job: %w", err)
	}
	return j, nil
}

// FindJobByID returns a job without its result bytes.
func (s *Store) FindJobByID(ctx context.Context, id int64) (*Job, error) {
	var j Job
	if err := s.conn(ctx).First(&j, id).Error; err != nil {
		return nil, translate(err)
	}
	return &j, nil
}

// UpdateJobProgress records progress of a running job.
func (s *Store) UpdateJobProgress(ctx context.Context, id int64, done, total int, message string) error {
	return s.conn(ctx).Model(&Job{}).Where("id = ? AND status = ?", id, JobRunning).
		Updates(map[string]any{"done": done, "total": total, "message": message, "updated_at": s.Now()}).Error
}

// JobOutcome is how a job ended.
type JobOutcome struct {
	Failed     bool
	Message    string
	Report     string
	ResultName string
	ResultType string
	Result     []byte
}

// FinishJob records the end of a job with its report and result file.
func (s *Store) FinishJob(ctx context.Context, id int64, out JobOutcome) error {
	status := JobDone
	if out.Failed {
		status = JobFailed
	}
	now := s.Now()
	updates := map[string]any{"status": status, "message": out.Message, "report": out.Report,
		"updated_at": now, "finished_at": now}
	if out.Result != nil {
		updates["result_name"], updates["result_type"], updates["result"] = out.ResultName, out.ResultType, out.Result
	}
	return s.conn(ctx).Model(&Job{}).Where("id = ?", id).Updates(updates).Error
}

// TakeJobResult returns a job's result file once: the bytes are wiped as
// they are handed out, because results such as initial passwords must not
// stay in the database.
func (s *Store) TakeJobResult(ctx context.Context, id int64) (name, contentType string, data []byte, err error) {
	err = s.Tx(ctx, func(tx *Store) error {
		var row struct {
			ResultName  string
			ResultType  string
			Result      []byte
			ResultTaken bool
		}
		if err := tx.conn(ctx).Model(&Job{}).Select("result_name", "result_type", "result", "result_taken").
			Where("id = ?", id).Take(&row).Error; err != nil {
			return translate(err)
		}
		if row.ResultName == "" || row.ResultTaken {
			return fmt.Errorf("结果文件已下载过或不存在: %w", ErrNotFound)
		}
		name, contentType, data = row.ResultName, row.ResultType, row.Result
		return tx.conn(ctx).Model(&Job{}).Where("id = ?", id).
			Updates(map[string]any{"result": nil, "result_taken": true}).Error
	})
	return name, contentType, data, err
}
