// Find your area: narrows the list of councils as the reader types. Without JavaScript the
// box stays hidden and the whole list shows; nothing is fetched.
function setUpCouncilFilter() {
  const box = document.querySelector(".council-filter");
  if (!box) return;
  const input = box.querySelector("input");
  const count = box.querySelector("#council-filter-count");
  const entries = Array.from(document.querySelectorAll(".council-entry"));
  const texts = entries.map((entry) => entry.textContent.toLowerCase());
  box.hidden = false;
  function apply() {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    entries.forEach((entry, index) => {
      const match = words.every((word) => texts[index].includes(word));
      entry.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = words.length ? `${shown} of ${entries.length} councils shown` : `${entries.length} councils`;
  }
  input.addEventListener("input", apply);
  apply();
}
document.addEventListener("DOMContentLoaded", setUpCouncilFilter);
