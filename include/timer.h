/* SPDX-License-Identifier: GPL-2.0 */
/* The scheduler tick (platform/timer.c). */
#ifndef LOAM_TIMER_H
#define LOAM_TIMER_H

/* Ticks per second. */
#define HZ 100

/* Start this hart's tick (enables the timer interrupt in sie). */
void timer_init_cpu(void);
/* A tick: program the next one. */
void timer_interrupt(void);

#endif
