package stream

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Job is what one helper does in one namespace: the streams it sends and
// receives, and the interfaces it sniffs.
type Job struct {
	Sends  []Send  `json:"sends,omitempty"`
	Recvs  []Recv  `json:"recvs,omitempty"`
	Sniffs []Sniff `json:"sniffs,omitempty"`
	// Drain is how long receivers and sniffers keep listening after
	// "stop" (receivers stop earlier once they have every packet).
	Drain Duration `json:"drain"`
	// Timeout ends the helper whatever happens.
	Timeout Duration `json:"timeout"`
}

// Duration is a time.Duration written as a string ("250ms") in JSON.
type Duration time.Duration

func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := time.ParseDuration(s)
	*d = Duration(v)
	return err
}

// Result is what the helper reports at the end, by the IDs of the job's
// streams and the names of the sniffed interfaces.
type Result struct {
	Sent   map[string]SendResult  `json:"sent,omitempty"`
	Recv   map[string]RecvResult  `json:"recv,omitempty"`
	Sniff  map[string]SniffResult `json:"sniff,omitempty"`
	Errors []string               `json:"errors,omitempty"`
}

// The helper's protocol, one line each way at a time:
//
//	in:  the Job as one line of JSON
//	out: "ready"      receivers joined, sniffers open
//	in:  "go"         send the streams
//	out: "sent"       every stream sent
//	in:  "stop"       (or end of input) drain, then report
//	out: the Result as one line of JSON
//
// A helper that cannot set up (a join refused) still says "ready" and
// reports the failure in its Result.
const (
	LineReady = "ready"
	LineGo    = "go"
	LineSent  = "sent"
	LineStop  = "stop"
)

// Serve runs the helper protocol on in and out.
func Serve(in io.Reader, out io.Writer) error {
	rd := bufio.NewReader(in)
	first, err := rd.ReadString('\n')
	if err != nil && first == "" {
		return fmt.Errorf("stream helper: no job on standard input: %w", err)
	}
	var job Job
	if err := json.Unmarshal([]byte(first), &job); err != nil {
		return fmt.Errorf("stream helper: bad job: %w", err)
	}
	timeout := time.Duration(job.Timeout)
	if timeout <= 0 {
		timeout = time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	lines := make(chan string, 4)
	go func() {
		defer close(lines)
		for {
			s, err := rd.ReadString('\n')
			if s = strings.TrimSpace(s); s != "" {
				lines <- s
			}
			if err != nil {
				return
			}
		}
	}()
	// wait returns when want arrives, input ends, or the time is up.
	wait := func(want string) bool {
		for {
			select {
			case s, ok := <-lines:
				if !ok {
					return false
				}
				if s == want {
					return true
				}
			case <-ctx.Done():
				return false
			}
		}
	}

	res := Result{Sent: map[string]SendResult{}, Recv: map[string]RecvResult{}, Sniff: map[string]SniffResult{}}
	var names ifNames
	stop := make(chan struct{})
	var drain atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, s := range job.Sniffs {
		sn, err := s.open()
		if err != nil {
			res.Sniff[s.IfName] = SniffResult{Err: err.Error()}
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sn.loop(stop, &drain)
			r := sn.result()
			mu.Lock()
			res.Sniff[s.IfName] = r
			mu.Unlock()
		}()
	}
	for _, r := range job.Recvs {
		rc, err := r.open()
		if err != nil {
			res.Recv[r.ID] = RecvResult{Err: err.Error()}
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			rc.loop(stop, &drain, &names)
			rr := rc.result()
			mu.Lock()
			res.Recv[r.ID] = rr
			mu.Unlock()
		}()
	}
	fmt.Fprintln(out, LineReady)
	if len(job.Sends) > 0 && wait(LineGo) {
		var swg sync.WaitGroup
		for _, s := range job.Sends {
			swg.Add(1)
			go func() {
				defer swg.Done()
				r := s.run(ctx)
				mu.Lock()
				res.Sent[s.ID] = r
				mu.Unlock()
			}()
		}
		swg.Wait()
	}
	fmt.Fprintln(out, LineSent)
	wait(LineStop)
	d := time.Duration(job.Drain)
	if d <= 0 {
		d = 250 * time.Millisecond
	}
	drain.Store(time.Now().Add(d).UnixNano())
	close(stop)
	wg.Wait()
	b, err := json.Marshal(&res)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "%s\n", b)
	return err
}
