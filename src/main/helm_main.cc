// helm: build the root command, run it, exit with its status.
#include <iostream>
#include <string>
#include <vector>

#include "helm/cli/root.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  auto root = helm::cli::NewRootCommand();
  int status = helm::cli::Execute(*root, args, {&std::cout, &std::cerr});
  std::cout.flush();
  return status;
}
