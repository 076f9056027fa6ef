package stream

import (
	"context"
	"fmt"
	"net"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// Job is what one node of the lab does: the streams it sends and
// receives, and the interfaces it sniffs.
type Job struct {
	Sends  []Send
	Recvs  []Recv
	Sniffs []Sniff
	// Drain is how long receivers and sniffers keep listening after
	// Finish is called (receivers stop earlier once they have every
	// packet); default 250 ms.
	Drain time.Duration
}

// Result is what a session saw, by the IDs of the job's streams and the
// names of the sniffed interfaces.
type Result struct {
	Sent   map[string]SendResult
	Recv   map[string]RecvResult
	Sniff  map[string]SniffResult
	Errors []string
}

// Session is a job whose sockets are open: its receivers have joined
// their groups and they and its sniffers are listening. The sockets are
// opened in the node's network namespace (OpenIn) and keep it: the
// session then runs from any thread of this process, so that the lab's
// test needs no process per node.
type Session struct {
	job     Job
	senders []*sender
	res     Result
	mu      sync.Mutex // res, written by the loops
	stop    chan struct{}
	drain   atomic.Int64
	wg      sync.WaitGroup
}

// OpenIn opens the job's sockets in the network namespace at netns (a
// file such as /run/netns/NAME; "" for this thread's own). A socket that
// cannot be opened (a join refused) is reported in the Result; the error
// is for a namespace that cannot be entered.
func OpenIn(netns string, job Job) (*Session, error) {
	s := &Session{job: job, stop: make(chan struct{}),
		res: Result{Sent: map[string]SendResult{}, Recv: map[string]RecvResult{}, Sniff: map[string]SniffResult{}}}
	var recvs []*receiver
	var sniffs []*sniffer
	var names ifNames
	err := inNetns(netns, func() {
		// Interface names by index, read here: a lookup from the receive
		// loops would run in whatever namespace their thread is in.
		var err error
		if names, err = newIfNames(); err != nil {
			s.res.Errors = append(s.res.Errors, "list interfaces: "+err.Error())
		}
		sniffs = openEach(job.Sniffs, Sniff.open, func(sn Sniff, err error) { s.res.Sniff[sn.IfName] = SniffResult{Err: err.Error()} })
		recvs = openEach(job.Recvs, Recv.open, func(r Recv, err error) { s.res.Recv[r.ID] = RecvResult{Err: err.Error()} })
		s.senders = openEach(job.Sends, Send.open, func(sd Send, err error) { s.res.Sent[sd.ID] = SendResult{Err: err.Error()} })
	})
	if err != nil {
		return nil, err // f did not run: nothing is open
	}
	for _, sn := range sniffs {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			sn.loop(s.stop, &s.drain)
			r := sn.result()
			s.mu.Lock()
			s.res.Sniff[sn.s.IfName] = r
			s.mu.Unlock()
		}()
	}
	for _, rc := range recvs {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			rc.loop(s.stop, &s.drain, names)
			rr := rc.result()
			s.mu.Lock()
			s.res.Recv[rc.r.ID] = rr
			s.mu.Unlock()
		}()
	}
	return s, nil
}

// openEach opens every item, handing those that fail to failed.
func openEach[T, O any](items []T, open func(T) (O, error), failed func(T, error)) []O {
	var out []O
	for _, it := range items {
		o, err := open(it)
		if err != nil {
			failed(it, err)
			continue
		}
		out = append(out, o)
	}
	return out
}

// Send sends every stream of the job at once and returns when they are
// all sent (or ctx ends).
func (s *Session) Send(ctx context.Context) {
	var wg sync.WaitGroup
	for _, sd := range s.senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := sd.run(ctx)
			s.mu.Lock()
			s.res.Sent[sd.s.ID] = r
			s.mu.Unlock()
		}()
	}
	wg.Wait()
	s.senders = nil
}

// Finish lets receivers and sniffers drain, closes every socket and
// returns what the session saw. Call it once, after Send or instead.
func (s *Session) Finish() *Result {
	for _, sd := range s.senders { // never sent
		unix.Close(sd.fd)
	}
	d := s.job.Drain
	if d <= 0 {
		d = 250 * time.Millisecond
	}
	s.drain.Store(time.Now().Add(d).UnixNano())
	close(s.stop)
	s.wg.Wait()
	return &s.res
}

// inNetns runs f on an OS thread moved into the network namespace at
// path ("" runs f where it is). The thread goes back to its namespace
// afterwards; if it cannot, it is not given back to the Go runtime (the
// goroutine ends locked to it, and the runtime ends the thread).
func inNetns(path string, f func()) error {
	if path == "" {
		f()
		return nil
	}
	target, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open the network namespace: %w", err)
	}
	defer target.Close()
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		self, err := os.Open(fmt.Sprintf("/proc/self/task/%d/ns/net", unix.Gettid()))
		if err != nil {
			runtime.UnlockOSThread()
			errc <- err
			return
		}
		defer self.Close()
		if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
			runtime.UnlockOSThread()
			errc <- fmt.Errorf("enter the network namespace %s: %w", path, err)
			return
		}
		f()
		if err := unix.Setns(int(self.Fd()), unix.CLONE_NEWNET); err != nil {
			errc <- nil // f ran; this thread dies with the goroutine
			return
		}
		runtime.UnlockOSThread()
		errc <- nil
	}()
	return <-errc
}

// ifNames maps interface indexes to names, in one namespace.
type ifNames map[int]string

func newIfNames() (ifNames, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, err
	}
	m := ifNames{}
	for _, i := range ifs {
		m[i.Index] = i.Name
	}
	return m, nil
}

func (m ifNames) name(idx int) string {
	if n, ok := m[idx]; ok {
		return n
	}
	return fmt.Sprintf("if%d", idx)
}
