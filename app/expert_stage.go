package app

import (
	"fmt"

	"chainjudge/app/store"
	"chainjudge/templates"
)

// reviewClosed is the conflict returned when scoring outside the window.
func reviewClosed(stage *store.Stage) error {
	if stage.ReviewOpensAt == nil || stage.ReviewClosesAt == nil {
		return fmt.Errorf("阶段“%s”尚未设定评审时间，暂不能评分: %w", stage.Name, store.ErrConflict)
	}
	return fmt.Errorf("不在评审时间内（%s 至 %s），不能评分: %w", templates.FormatDateTime(*stage.ReviewOpensAt),
		templates.FormatDateTime(*stage.ReviewClosesAt), store.ErrConflict)
}
