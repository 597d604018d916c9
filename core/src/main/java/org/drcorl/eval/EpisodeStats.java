package org.drcorl.eval;

/** Undiscounted returns of one evaluation episode. */
public record EpisodeStats(double rewardReturn, double costReturn, int length) {}
