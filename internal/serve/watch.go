package serve

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// watch calls changed whenever a .cue file of dir is written, created,
// renamed or removed. It watches the directory, not the files: editors
// that save by writing a new file and renaming it over the old one
// replace the file a per-file watch would follow.
func watch(ctx context.Context, dir string, changed func()) (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	if err := w.Add(dir); err != nil {
		w.Close()
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if strings.HasSuffix(ev.Name, ".cue") && !strings.HasPrefix(filepath.Base(ev.Name), ".") && ev.Op&^fsnotify.Chmod != 0 {
					changed()
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
				// An overflow loses events: rebuild to be sure.
				changed()
			}
		}
	}()
	return w, nil
}
