package essence

import (
	"fmt"
	"strconv"
	"strings"
)

// channelGroups are the channel grouping symbols of SMPTE ST 2110-30:2017
// §6.2.2 (Table 1) with the channels each one takes. U01 to U64 (an
// undefined group of that many channels) are parsed apart.
var channelGroups = map[string]int{
	"M":    1,  // mono
	"DM":   2,  // dual mono
	"ST":   2,  // standard stereo (left, right)
	"LtRt": 2,  // matrix stereo (left total, right total)
	"51":   6,  // 5.1 surround (L, R, C, LFE, Ls, Rs)
	"71":   8,  // 7.1 surround (L, R, C, LFE, Lss, Rss, Lrs, Rrs)
	"222":  24, // 22.2 surround (SMPTE ST 2036-2)
	"SGRP": 4,  // one SDI audio group (SMPTE ST 272)
}

// channelGroupSize is the number of channels a grouping symbol takes, or
// an error naming the accepted symbols.
func channelGroupSize(sym string) (int, error) {
	if n, ok := channelGroups[sym]; ok {
		return n, nil
	}
	if len(sym) == 3 && sym[0] == 'U' {
		if n, err := strconv.Atoi(sym[1:]); err == nil && n >= 1 && n <= 64 {
			return n, nil
		}
	}
	return 0, fmt.Errorf("%q is not an ST 2110-30 channel group (M, DM, ST, LtRt, 51, 71, 222, SGRP, U01…U64)", sym)
}

// ChannelOrderChannels is the number of channels an order describes.
func ChannelOrderChannels(order []string) (int, error) {
	total := 0
	for _, sym := range order {
		n, err := channelGroupSize(sym)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// ChannelOrder is the value of the SDP channel-order parameter (ST
// 2110-30 §6.2.2): the order the design gives, or, when it gives none,
// one undefined group of all the channels ("SMPTE2110.(U08)"), which
// says how many channels there are and claims nothing about them.
func ChannelOrder(channels int, order []string) string {
	if len(order) == 0 {
		order = []string{fmt.Sprintf("U%02d", channels)}
	}
	return "SMPTE2110.(" + strings.Join(order, ",") + ")"
}
