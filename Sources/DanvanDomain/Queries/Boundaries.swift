/// Which tree of units a figure query adds facts up in, across changes of units (the 2025
/// reorganisation): the one decision every figure query shares.
///
/// `current`, the default, answers in today's boundaries: a unit's figures include what was
/// recorded under the units merged into it, in every period, so that 2023 and 2026 compare
/// like for like; a split unit's history goes to its `main` part (answers name the splits
/// this affects). `historical` answers in the boundaries of each fact's date: each counts
/// for the unit it names and that unit's ancestors as they stood that day, so a district that
/// ended still answers what it reported. Both views add up to the same national sum, and a
/// unit no change touched has the same figures in both.
public enum Boundaries: String, Sendable, Hashable, CaseIterable {
    case current, historical
}
