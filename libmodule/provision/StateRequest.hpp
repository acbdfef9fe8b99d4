// A desired state turned into one goal: only what differs from the system as it is becomes a
// job (a module stream switched, a profile installed, a group installed, a package installed,
// upgraded or removed), so that solving the goal reaches the state, and a state that already
// holds asks for nothing.
#pragma once

#include "libmodule/provision/DesiredState.hpp"
#include "libmodule/solve/Goal.hpp"

namespace mpm::provision {

// Module changes first (they decide which packages are visible), then groups, then packages.
// Throws Error for a module, stream, profile, group or package that does not exist.
void requestState(solve::Goal& goal, const DesiredState& state);

}  // namespace mpm::provision
