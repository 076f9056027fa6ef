package lab

import (
	"reflect"
	"testing"
)

// TestLossOnly: only flows whose failing receivers all got part of the
// stream, with nothing else wrong, are sent again; a receiver that got
// nothing (a missing VLAN), a bystander that saw the stream (snooping)
// or a leg problem keep the verdict of the first run.
func TestLossOnly(t *testing.T) {
	rx := func(got int) *Reception { return &Reception{Receiver: "r", Received: got, Passed: got == 30} }
	leg := func(b *Bystander, rcs ...*Reception) *LegTest {
		l := &LegTest{Receivers: rcs, Passed: true}
		if b != nil {
			l.Silent = []*Bystander{b}
			l.Passed = b.Passed
		}
		for _, rc := range rcs {
			l.Passed = l.Passed && rc.Passed
		}
		return l
	}
	flow := func(name string, legs ...*LegTest) *FlowTest {
		f := &FlowTest{Flow: name, Legs: legs, Passed: true}
		for _, l := range legs {
			f.Passed = f.Passed && l.Passed
		}
		return f
	}
	quiet := &Bystander{Passed: true}
	res := &Results{Count: 30, Flows: []*FlowTest{
		flow("ok", leg(quiet, rx(30))),
		flow("lossy", leg(quiet, rx(27), rx(30)), leg(quiet, rx(30))),
		flow("lossy-both-planes", leg(quiet, rx(20)), leg(quiet, rx(29))),
		flow("nothing", leg(quiet, rx(0))),
		flow("half-nothing", leg(quiet, rx(12), rx(0))),
		flow("flooded", leg(&Bystander{Frames: 30}, rx(28))),
	}}
	bad := flow("sender-problem", leg(quiet, rx(10)))
	bad.Legs[0].Problems = []string{"sent 10 of 30 packets"}
	res.Flows = append(res.Flows, bad)
	got := res.LossOnly()
	want := map[string]bool{"lossy": true, "lossy-both-planes": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LossOnly = %v, want %v", got, want)
	}
}
